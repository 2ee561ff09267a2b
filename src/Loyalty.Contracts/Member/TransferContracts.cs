namespace Loyalty.Contracts.Member;

/// <summary>Give points to another member (family pooling). Nothing moves until the transfer is confirmed.</summary>
public sealed record CreateTransferRequest(string ToMemberNumber, long Points, string? Message);

/// <summary>
/// A transfer as one side sees it. <see cref="Direction"/> is <c>outgoing</c> or <c>incoming</c>;
/// <see cref="Status"/> is <c>awaiting_confirmation</c> (until <see cref="ExpiresAt"/>), <c>completed</c>,
/// <c>cancelled</c> or <c>expired</c>; a recipient sees only completed transfers. The counterpart is shown by
/// display name; only the sender sees the number they typed.
/// </summary>
public sealed record TransferResponse(
    Guid Id,
    string Direction,
    string CounterpartName,
    string? CounterpartMemberNumber,
    long Points,
    string? Message,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CompletedAt);
