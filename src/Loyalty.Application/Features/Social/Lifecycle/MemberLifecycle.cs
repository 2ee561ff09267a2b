using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>What the lifecycle use cases share: the member under its account lock, the forfeit, the response.</summary>
public sealed class MemberLifecycle(ILoyaltyDbContext db, PointsLedger ledger)
{
    /// <summary>
    /// Locks the member's account and then loads the member (tracked), so a status check and the points it decides
    /// about cannot race another lifecycle change or a debit of the same member.
    /// </summary>
    public async Task<Member> LockAsync(Guid memberId, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
        {
            throw NotFound();
        }

        await ledger.LockAccountAsync(memberId, cancellationToken);
        return await db.Members.SingleAsync(m => m.Id == memberId, cancellationToken);
    }

    /// <summary>
    /// Closing or erasing with points on hold at a till is refused: releasing the hold would make the till's capture
    /// fail, forfeiting it would take points the till is about to redeem. Holds lapse by themselves within minutes.
    /// </summary>
    public async Task EnsureNoOpenHoldsAsync(Guid memberId, string who, CancellationToken cancellationToken)
    {
        var held = await db.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Held).SingleAsync(cancellationToken);
        if (held > 0)
        {
            throw AppException.Conflict(ErrorCodes.MemberHasOpenHolds, $"{who} has {held} points on hold at a till; capture or cancel the payment (or let it lapse) first.");
        }
    }

    /// <summary>
    /// Takes the whole available balance (one Forfeit entry, oldest lots first) and every pending lot (one Forfeit
    /// entry each), inside the caller's transaction. A negative balance stays: it is a debt, not points to forfeit.
    /// Returns the points forfeited.
    /// </summary>
    public async Task<long> ForfeitAllAsync(Guid memberId, string description, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var references = new LedgerReferences(ReferenceId: memberId, Actor: actor);
        var forfeited = 0L;
        var available = await ledger.AvailableAsync(memberId, cancellationToken);
        if (available > 0)
        {
            _ = await ledger.TryDebitAsync(LedgerEntry.Create(memberId, LedgerEntryType.Forfeit, -available, description, now, references), cancellationToken)
                ?? throw new InvalidOperationException($"The balance of member {memberId} changed under the account lock.");
            forfeited += available;
        }

        var pendingLots = await db.PointsLots.Where(l => l.MemberId == memberId && l.IsPending && l.Remaining > 0).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        foreach (var lot in pendingLots)
        {
            var points = lot.Remaining;
            await ledger.ReversePendingAsync(LedgerEntry.Create(memberId, LedgerEntryType.Forfeit, 0, description, now, references, pendingPoints: -points), lot, cancellationToken);
            forfeited += points;
        }

        return forfeited;
    }

    public async Task<MemberLifecycleResponse> ResponseAsync(Member member, long forfeited, CancellationToken cancellationToken)
    {
        var account = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == member.Id).Select(a => new { a.Available, a.Pending }).SingleAsync(cancellationToken);
        return new MemberLifecycleResponse(member.Id, member.MemberNumber, WireValue.Of<Contracts.Common.MemberStatus>(member.Status), member.StatusChangedAt, account.Available, account.Pending, forfeited, member.MergedIntoMemberId, member.ErasedAt);
    }

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
}
