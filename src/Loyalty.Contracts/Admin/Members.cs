using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

public sealed record AdminMemberResponse(
    Guid Id,
    string MemberNumber,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    MemberStatus Status,
    string TierName,
    long AvailablePoints,
    long PendingPoints,
    EnrolmentChannel EnrolmentChannel,
    DateTimeOffset EnrolledAt);

/// <summary>Positive points credit the member, negative ones debit them (never below zero). The reason is kept on the ledger.</summary>
public sealed record CreateAdjustmentRequest(long Points, string Reason);

public sealed record AdjustmentResponse(long LedgerEntryId, Guid MemberId, long Points, string Reason, long AvailablePoints, DateTimeOffset OccurredAt);

public sealed record AuditLogEntryResponse(long Id, string Actor, string Action, string EntityType, string EntityId, string? Before, string? After, DateTimeOffset OccurredAt);
