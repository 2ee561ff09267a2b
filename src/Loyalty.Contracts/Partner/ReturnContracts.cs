namespace Loyalty.Contracts.Partner;

/// <summary>How a return takes back points that were already spent or are available.</summary>
public enum ReturnPolicy
{
    /// <summary>Only pending points are taken back; the rest is written off.</summary>
    ReversePendingOnly,

    /// <summary>Pending points, then available ones down to zero; the rest is written off.</summary>
    ReverseWithinAvailable,

    /// <summary>Everything is taken back; the balance may go negative.</summary>
    AllowNegativeBalance,
}

/// <summary>
/// Goods of a recorded purchase brought back. <see cref="ReturnId"/> is the partner's own id for this return (unique
/// per purchase); <see cref="Amount"/> is in the purchase's currency, or null for everything not yet returned.
/// </summary>
public sealed record RecordReturnRequest(string ReturnId, decimal? Amount, string? Reason);

/// <summary>
/// One return and what it did to the member's points: <see cref="PointsReversed"/> were taken back (from pending
/// points first), <see cref="PointsWrittenOff"/> were already spent and left with the member under <see cref="Policy"/>.
/// </summary>
public sealed record ReturnResponse(
    Guid Id,
    string ReturnId,
    string ExternalId,
    decimal Amount,
    string Currency,
    long PointsReversed,
    long PendingPointsReversed,
    long PointsWrittenOff,
    ReturnPolicy Policy,
    string? Reason,
    DateTimeOffset CreatedAt);

/// <summary>A purchase's returns so far, oldest first, with the running totals.</summary>
public sealed record PurchaseReturnsResponse(
    string ExternalId,
    decimal Amount,
    string Currency,
    long PointsEarned,
    decimal ReturnedAmount,
    long PointsReversed,
    long PointsWrittenOff,
    IReadOnlyList<ReturnResponse> Returns);

/// <summary>The outcome of confirming an order: the pending points that became available now (0 when none were left).</summary>
public sealed record PurchaseConfirmationResponse(string ExternalId, string MemberNumber, long PointsConfirmed, long AvailablePoints, DateTimeOffset ConfirmedAt);
