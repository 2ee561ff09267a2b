using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>Suspending, reactivating and erasing need a reason; it goes to the audit log.</summary>
public sealed record MemberStatusChangeRequest(string Reason);

/// <summary>Closes a membership for good. <c>pointsOnClose</c> is <c>forfeit</c> or <c>keep</c>; null uses the points policy's default. The member's reason for leaving is optional.</summary>
public sealed record CloseMemberRequest(string Reason, PointsOnClose? PointsOnClose = null, LeavingReason? LeavingReason = null, string? LeavingReasonText = null);

/// <summary>Folds <c>duplicateMemberId</c> into the member in the path (the survivor).</summary>
public sealed record MergeMemberRequest(Guid DuplicateMemberId, string Reason);

/// <summary>A member's status after a lifecycle change, with what the change did to the points.</summary>
public sealed record MemberLifecycleResponse(
    Guid MemberId,
    string MemberNumber,
    MemberStatus Status,
    DateTimeOffset? StatusChangedAt,
    long AvailablePoints,
    long PendingPoints,
    long PointsForfeited,
    Guid? MergedIntoMemberId,
    DateTimeOffset? ErasedAt);

/// <summary>
/// The outcome of a merge: what moved from the duplicate to the survivor. <c>pointsMoved</c> is signed (a negative
/// balance the duplicate owed moves as a debt).
/// </summary>
public sealed record MergeMembersResponse(
    MemberLifecycleResponse Survivor,
    MemberLifecycleResponse Duplicate,
    long PointsMoved,
    int PurchasesMoved,
    int VouchersMoved,
    string SurvivorTier);
