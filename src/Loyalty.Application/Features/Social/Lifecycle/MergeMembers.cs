using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>
/// Folds a duplicate membership into the survivor. The duplicate's available points move with their lots' expiry
/// dates (MergeOut on the duplicate, MergeIn on the survivor, each referencing the other); its ledger is never
/// rewritten and shows in the survivor's history. Purchases, returns, vouchers and day-bonus grants move to the
/// survivor (tier qualification, reward limits and the once-a-year bonuses count them by member); redemptions and
/// transfers stay where they happened. The survivor keeps the higher tier. Refused while the duplicate has pending
/// points or points on hold. Merging an already merged duplicate into the same survivor again moves whatever reached
/// it since (a sweep).
/// </summary>
public sealed record MergeMembersCommand(string Actor, Guid SurvivorId, MergeMemberRequest Request) : ICommand<MergeMembersResponse>, ITransactionalCommand;

public sealed class MergeMembersValidator : AbstractValidator<MergeMembersCommand>
{
    public MergeMembersValidator()
    {
        RuleFor(c => c.Request.DuplicateMemberId).NotEmpty();
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
    }
}

public sealed class MergeMembersHandler(ILoyaltyDbContext db, PointsLedger ledger, MemberLifecycle lifecycle, AuditTrail audit, EventOutbox outbox, ITierMoves tierMoves, TimeProvider clock)
    : ICommandHandler<MergeMembersCommand, MergeMembersResponse>
{
    public async ValueTask<MergeMembersResponse> Handle(MergeMembersCommand command, CancellationToken cancellationToken)
    {
        var (survivorId, duplicateId) = (command.SurvivorId, command.Request.DuplicateMemberId);
        if (survivorId == duplicateId)
        {
            throw new Domain.Common.DomainException(ErrorCodes.MergeIntoSelf, "A member cannot be merged into itself.");
        }

        if (await db.Members.CountAsync(m => m.Id == survivorId || m.Id == duplicateId, cancellationToken) != 2)
        {
            throw MemberLifecycle.NotFound();
        }

        // Both accounts, in member-id order like transfers: two merges (or a merge and a transfer) of the same pair queue.
        foreach (var id in new[] { survivorId, duplicateId }.Order())
        {
            await ledger.LockAccountAsync(id, cancellationToken);
        }

        var members = await db.Members.Where(m => m.Id == survivorId || m.Id == duplicateId).ToDictionaryAsync(m => m.Id, cancellationToken);
        var (survivor, duplicate) = (members[survivorId], members[duplicateId]);
        survivor.EnsureCanAbsorb(duplicate);
        var accounts = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == duplicateId).Select(a => new { a.Available, a.Pending, a.Held }).SingleAsync(cancellationToken);
        if (accounts.Held > 0)
        {
            throw AppException.Conflict(ErrorCodes.MemberHasOpenHolds, $"The duplicate has {accounts.Held} points on hold at a till; capture or cancel the payment (or let it lapse) first.");
        }

        if (accounts.Pending != 0)
        {
            throw AppException.Conflict(ErrorCodes.DuplicateHasPendingPoints, $"The duplicate has {accounts.Pending} pending points; merge once they are confirmed (or reversed).");
        }

        var tiers = await db.Tiers.AsNoTracking().Where(t => t.Id == survivor.TierId || t.Id == duplicate.TierId).ToDictionaryAsync(t => t.Id, cancellationToken);
        var wasMerged = duplicate.Status == MemberStatus.Merged;
        var before = new { survivorTier = tiers[survivor.TierId].Name, duplicateStatus = WireValue.Name(duplicate.Status) };
        var now = clock.GetUtcNow();
        var survivorTier = tiers[survivor.TierId];
        if (survivor.Absorb(duplicate, tiers[duplicate.TierId].Rank, survivorTier.Rank, now))
        {
            // The same move as a qualification, with the duplicate's standing (Absorb set it on the tracked entity too).
            var move = new TierMove(survivorTier, tiers[survivor.TierId], TierChangeReason.Merged, survivor.TierSince, survivor.TierReviewAt, survivor.TierGraceUntil, null, now, command.Actor);
            await tierMoves.MoveMemberAsync(survivor, move, cancellationToken);
        }

        // Members merged into the duplicate earlier now name the survivor, so its history includes them too.
        var earlier = await db.Members.Where(m => m.MergedIntoMemberId == duplicateId).ToListAsync(cancellationToken);
        earlier.ForEach(m => m.FollowMerge(survivorId));
        var purchasesMoved = await db.Purchases.Where(p => p.MemberId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MemberId, survivorId), cancellationToken);
        await db.PurchaseLines.Where(l => l.MemberId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(l => l.MemberId, survivorId), cancellationToken);
        await db.MemberRecommendations.Where(r => r.MemberId == duplicateId).ExecuteDeleteAsync(cancellationToken); // the survivor's next refresh covers both histories
        await db.PurchaseReturns.Where(r => r.MemberId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(r => r.MemberId, survivorId), cancellationToken);
        // Complaints and retention follow the person, so the survivor's case history and repeat-complaint count are whole.
        // Surveys stay where they were answered: their per-member sequence is what holds the survey cap.
        await db.ServiceCases.Where(c => c.MemberId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberId, survivorId), cancellationToken);
        await db.RetentionActions.Where(a => a.MemberId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(a => a.MemberId, survivorId), cancellationToken);
        var vouchersMoved = await db.Vouchers.Where(v => v.MemberId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(v => v.MemberId, survivorId), cancellationToken);
        // Birthday and anniversary bonuses the duplicate was paid follow it, so the survivor is not paid the same rule's
        // bonus for the same year again. Where both were paid already (one grant per rule, member and year), the
        // duplicate keeps its own record: each points at the ledger entry that paid it.
        await db.DayBonusGrants
            .Where(g => g.MemberId == duplicateId && !db.DayBonusGrants.Any(t => t.MemberId == survivorId && t.RuleId == g.RuleId && t.Year == g.Year))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberId, survivorId), cancellationToken);

        var actor = command.Actor;
        var reason = command.Request.Reason.Trim();
        audit.Record<object>(actor, wasMerged ? "member.merge_swept" : "member.merged", "member", duplicateId, before, new
        {
            mergedIntoMemberId = survivorId,
            survivorTier = tiers[survivor.TierId].Name,
            points = accounts.Available,
            purchasesMoved,
            vouchersMoved,
            reason,
        });
        outbox.Add(new MemberMergedV1(survivorId, survivor.MemberNumber, duplicateId, duplicate.MemberNumber, accounts.Available, now), survivorId, null);

        var moved = await MovePointsAsync(duplicate, survivor, accounts.Available, actor, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new MergeMembersResponse(
            await lifecycle.ResponseAsync(survivor, 0, cancellationToken),
            await lifecycle.ResponseAsync(duplicate, 0, cancellationToken),
            moved,
            purchasesMoved,
            vouchersMoved,
            tiers[survivor.TierId].Name);
    }

    private async Task<long> MovePointsAsync(Member duplicate, Member survivor, long available, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outRefs = new LedgerReferences(ReferenceId: survivor.Id, Actor: actor);
        var inRefs = new LedgerReferences(ReferenceId: duplicate.Id, Actor: actor);
        var outText = $"Merged into member {survivor.MemberNumber}";
        var inText = $"Merged from member {duplicate.MemberNumber}";
        if (available > 0)
        {
            var taken = await ledger.TryDebitAsync(LedgerEntry.Create(duplicate.Id, LedgerEntryType.MergeOut, -available, outText, now, outRefs), trackAs: null, cancellationToken)
                ?? throw new InvalidOperationException($"The balance of member {duplicate.Id} changed under the account lock.");
            await ledger.CreditLotsAsync(LedgerEntry.Create(survivor.Id, LedgerEntryType.MergeIn, available, inText, now, inRefs), taken.Portions, cancellationToken);
        }
        else if (available < 0)
        {
            // A debt (a return after the points were spent) moves too: the survivor owes it, the duplicate ends at zero.
            await ledger.DebitAllowingNegativeAsync(LedgerEntry.Create(survivor.Id, LedgerEntryType.MergeIn, available, inText, now, inRefs), cancellationToken);
            await ledger.CreditLotsAsync(LedgerEntry.Create(duplicate.Id, LedgerEntryType.MergeOut, -available, outText, now, outRefs), [new LotPortion(0, -available, null)], cancellationToken);
        }

        return available;
    }
}
