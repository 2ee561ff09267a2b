namespace Loyalty.Contracts.Member;

/// <summary>Where a transfer stands.</summary>
public enum TransferStatus
{
    /// <summary>Nothing has moved until the sender confirms.</summary>
    AwaitingConfirmation,
    Completed,
    Cancelled,

    /// <summary>Not confirmed in time.</summary>
    Expired,
}

/// <summary>Which side of a transfer the member is on.</summary>
public enum TransferSide
{
    Outgoing,
    Incoming,
}

/// <summary>Give points to another member (family pooling). Nothing moves until the transfer is confirmed.</summary>
public sealed record CreateTransferRequest(string ToMemberNumber, long Points, string? Message);

/// <summary>
/// A transfer as one side sees it. <see cref="Direction"/> is <c>outgoing</c> or <c>incoming</c>;
/// <see cref="Status"/> is <c>awaitingConfirmation</c> (until <see cref="ExpiresAt"/>), <c>completed</c>,
/// <c>cancelled</c> or <c>expired</c>; a recipient sees only completed transfers. The counterpart is shown by
/// display name; only the sender sees the number they typed.
/// </summary>
public sealed record TransferResponse(
    Guid Id,
    TransferSide Direction,
    string CounterpartName,
    string? CounterpartMemberNumber,
    long Points,
    string? Message,
    TransferStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CompletedAt);
