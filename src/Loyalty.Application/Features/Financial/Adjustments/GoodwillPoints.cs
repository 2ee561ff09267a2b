using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Adjustments;

/// <summary>
/// The one path of a staff adjustment to the ledger: an Adjust entry, its <c>points.adjusted</c> event and its audit
/// entry, in the caller's unit of work. Manual adjustments (<see cref="AdjustPointsHandler"/>) and goodwill points
/// (a resolved case, a retention action) both post through it; idempotency is the caller's (a case credits once).
/// </summary>
public sealed class GoodwillPoints(ILoyaltyDbContext db, PointsLedger ledger, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
{
    public sealed record Posted(LedgerEntry Entry, long Available, DateTimeOffset At);

    /// <summary>Credits goodwill points (positive) to the member.</summary>
    public Task<Posted> CreditAsync(string actor, Guid memberId, long points, string reason, CancellationToken cancellationToken) =>
        points > 0 ? PostAsync(actor, memberId, points, reason, cancellationToken) : throw new ArgumentOutOfRangeException(nameof(points));

    /// <summary>Posts a credit or a debit; a debit never takes the balance below zero.</summary>
    public async Task<Posted> PostAsync(string actor, Guid memberId, long points, string reason, CancellationToken cancellationToken)
    {
        var before = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == memberId).Select(a => (long?)a.Available).SingleOrDefaultAsync(cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");

        var now = clock.GetUtcNow();
        var entry = LedgerEntry.Adjust(memberId, points, reason, now, actor);
        outbox.Add(new PointsAdjustedV1(entry.Points, reason, now), memberId, null);
        var available = entry.Points > 0
            ? await ledger.CreditAsync(entry, cancellationToken)
            : await ledger.TryDebitAsync(entry, cancellationToken)
                ?? throw new DomainException(ErrorCodes.InsufficientPoints, "The member does not have enough points for this debit.");

        audit.Record<object>(actor, "points.adjusted", "member", memberId, new { availablePoints = before }, new { availablePoints = available, points = entry.Points, reason, ledgerEntryId = entry.Id });
        return new Posted(entry, available, now);
    }
}
