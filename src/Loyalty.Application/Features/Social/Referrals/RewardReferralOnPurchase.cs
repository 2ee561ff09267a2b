using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>
/// Decides a pending referral on the referee's first qualifying purchase, inside the purchase's transaction. Costs
/// nothing on the purchase path unless the purchase could qualify (programme on, amount and currency, referee still
/// inside the window); then one query finds the pending referral with the referrer's standing and cap counts.
/// </summary>
public sealed class RewardReferralOnPurchase(ILoyaltyDbContext db, ReferralProgrammeCache programmes, PointsLedger ledger, EventOutbox outbox)
    : INotificationHandler<PurchaseRecorded>
{
    public async ValueTask Handle(PurchaseRecorded notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var purchase = notification.Purchase;
        var programme = await programmes.GetAsync(db, cancellationToken);
        if (!programme.Qualifies(purchase.Amount, purchase.Currency, notification.Member.EnrolledAt, notification.At))
        {
            return;
        }

        var refereeId = notification.Member.Id;
        var pending = await (from r in db.Referrals.AsNoTracking()
                             join m in db.Members.AsNoTracking() on r.ReferrerId equals m.Id
                             where r.RefereeId == refereeId && r.Status == ReferralStatus.Pending
                             select new { r.Id, r.ReferrerId, ReferrerStatus = m.Status }).SingleOrDefaultAsync(cancellationToken);
        if (pending is null)
        {
            return;
        }

        var referrerActive = pending.ReferrerStatus == MemberStatus.Active;
        var (thisMonth, thisYear) = (0, 0);
        if (referrerActive)
        {
            // Counted under the referrer's account lock, so two friends' purchases at once cannot both take the last
            // place under a cap. The referrer is always the older member; their account is locked before the referee's.
            await ledger.LockAccountAsync(pending.ReferrerId, cancellationToken);
            (thisMonth, thisYear) = await ReferralCaps.CountAsync(db, pending.ReferrerId, notification.At, cancellationToken);
        }

        var decision = programme.Decide(referrerActive, thisMonth, thisYear);
        var now = notification.At;

        // The status moves from pending exactly once: a concurrent purchase of the same referee waits on this row
        // and then finds it decided (0 rows), so it never rewards a second time.
        var decided = await db.Referrals
            .Where(r => r.Id == pending.Id && r.Status == ReferralStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, decision.Status)
                    .SetProperty(r => r.Reason, decision.Reason)
                    .SetProperty(r => r.DecidedAt, now)
                    .SetProperty(r => r.PurchaseId, purchase.Id)
                    .SetProperty(r => r.ReferrerPoints, decision.ReferrerPoints)
                    .SetProperty(r => r.RefereePoints, decision.RefereePoints),
                cancellationToken);
        if (decided == 0)
        {
            return;
        }

        var references = new LedgerReferences(PartnerId: purchase.PartnerId, StoreId: purchase.StoreId, ReferenceId: pending.Id);
        if (decision.ReferrerPoints > 0)
        {
            outbox.Add(new ReferralRewardedV1(pending.Id, ReferralRole.Referrer, decision.ReferrerPoints, now), pending.ReferrerId, purchase.PartnerId);
            await ledger.CreditAsync(LedgerEntry.Create(pending.ReferrerId, LedgerEntryType.Bonus, decision.ReferrerPoints, "Referral bonus: a friend you invited joined", now, references), cancellationToken);
        }

        if (decision.RefereePoints > 0)
        {
            outbox.Add(new ReferralRewardedV1(pending.Id, ReferralRole.Referee, decision.RefereePoints, now, purchase.Id), refereeId, purchase.PartnerId);
            await ledger.CreditAsync(LedgerEntry.Create(refereeId, LedgerEntryType.Bonus, decision.RefereePoints, "Referral bonus: welcome from a friend", now, references), cancellationToken);
        }
    }
}

internal static class ReferralCaps
{
    /// <summary>Referrals that rewarded the referrer in the calendar month and year (UTC) of <paramref name="at"/>.</summary>
    public static async Task<(int Month, int Year)> CountAsync(ILoyaltyDbContext db, Guid referrerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var monthStart = ReferralProgramme.MonthStart(at);
        var yearStart = ReferralProgramme.YearStart(at);
        var decided = await db.Referrals
            .Where(r => r.ReferrerId == referrerId && r.Status == ReferralStatus.Rewarded && r.Reason == null && r.DecidedAt >= yearStart)
            .Select(r => r.DecidedAt)
            .ToListAsync(cancellationToken); // at most a year's cap of rows
        return (decided.Count(d => d >= monthStart), decided.Count);
    }
}
