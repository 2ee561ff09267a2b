using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Care.Surveys;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>
/// Keeps the reason for leaving given with a close (the member's own or staff's). Optional: nothing is kept when
/// neither a reason nor a text was given; a text alone counts as <c>other</c>.
/// </summary>
public static class LeavingReasons
{
    public static void Record(ILoyaltyDbContext db, Guid memberId, Guid tierId, Contracts.Common.LeavingReason? reason, string? text, LeavingReasonSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (reason is null && string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        db.LeavingReasons.Add(MemberLeavingReason.Record(memberId, tierId, reason is { } given ? WireValue.Of<LeavingReason>(given) : LeavingReason.Other, text, source, now));
    }
}
