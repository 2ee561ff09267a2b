using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Rewards;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>
/// A member buys a reward with points and gets a voucher. The points, the voucher, the stock and the event commit
/// together or not at all; the per-member limit and the last unit of stock hold however many requests race.
/// </summary>
public sealed record RedeemRewardCommand(string Subject, Guid RewardId) : ICommand<RewardRedemptionResponse>, ITransactionalCommand;

public sealed class RedeemRewardHandler(ILoyaltyDbContext db, PointsLedger ledger, EventOutbox outbox, TimeProvider clock) : ICommandHandler<RedeemRewardCommand, RewardRedemptionResponse>
{
    public async ValueTask<RewardRedemptionResponse> Handle(RedeemRewardCommand command, CancellationToken cancellationToken)
    {
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, command.Subject, cancellationToken);
        member.EnsureCanTransact();
        var reward = await db.Rewards.AsNoTracking().Include(r => r.Tiers).SingleOrDefaultAsync(r => r.Id == command.RewardId, cancellationToken)
            ?? throw RewardCatalogue.NotFound();

        // Friendly checks first, so a refusal costs nothing; the limit and stock are checked again below, race-free.
        var now = clock.GetUtcNow();
        reward.EnsureRedeemable(tier.Id, reward.PerMemberLimit is null ? 0 : await CountRedeemedAsync(member.Id, reward.Id, cancellationToken), now);

        var price = tier.RewardPrice(reward.PointsCost);
        var voucher = reward.Issue(member.Id, VoucherCode.Generate(), price, now);
        db.Vouchers.Add(voucher);
        outbox.Add(new RewardRedeemedV1(member.MemberNumber, voucher.Id, reward.Id, reward.Name, price, voucher.ExpiresAt, now), member.Id, null);
        long available;
        if (price == 0)
        {
            // Free for this tier (a 100% discount): no points move, but the account row is still locked, so the
            // per-member limit below is counted race-free as for a paid redemption.
            await ledger.LockAccountAsync(member.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            available = await db.PointsAccounts.Where(a => a.MemberId == member.Id).Select(a => a.Available).SingleAsync(cancellationToken);
        }
        else
        {
            var entry = LedgerEntry.Create(member.Id, LedgerEntryType.Redeem, -price, $"Reward: {reward.Name}", now, new LedgerReferences(ReferenceId: voucher.Id));
            available = await ledger.TryDebitAsync(entry, cancellationToken)
                ?? throw new DomainException(ErrorCodes.InsufficientPoints, $"This reward costs you {price} points; you do not have that many available.");
        }

        // The debit's update holds this member's account row lock until commit, so the member's other redemptions
        // wait for us, and ours saw theirs committed: counting now (our new voucher included) is exact.
        if (reward.PerMemberLimit is { } limit && await CountRedeemedAsync(member.Id, reward.Id, cancellationToken) > limit)
        {
            throw Reward.LimitReached(limit);
        }

        // Last, so the reward's row lock (hot for a popular reward) is held as briefly as possible. Only one of the
        // racers can take the last unit: the others find Stock = 0 once the winner commits, and roll back. (Stock
        // made unlimited meanwhile stays null.)
        if (reward.Stock is not null)
        {
            var taken = await db.Rewards.Where(r => r.Id == reward.Id && (r.Stock == null || r.Stock > 0))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - 1), cancellationToken);
            if (taken == 0)
            {
                throw Reward.OutOfStock();
            }
        }

        return new RewardRedemptionResponse(VoucherCodes.ToResponse(voucher, now), available);
    }

    private Task<int> CountRedeemedAsync(Guid memberId, Guid rewardId, CancellationToken cancellationToken) =>
        db.Vouchers.CountAsync(v => v.MemberId == memberId && v.RewardId == rewardId, cancellationToken);
}
