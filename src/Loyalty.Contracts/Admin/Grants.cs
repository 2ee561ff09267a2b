namespace Loyalty.Contracts.Admin;

/// <summary>Where a bulk grant stands.</summary>
public enum BulkGrantStatus
{
    /// <summary>Members still to credit.</summary>
    Processing,
    Completed,
}

/// <summary>Bonus points for up to 10,000 members, each credited once. Member numbers may contain spaces or dashes.</summary>
public sealed record CreateBulkGrantRequest(string Reason, long Points, IReadOnlyList<string> MemberNumbers);

/// <summary>
/// A grant and its progress. status: processing (members still to credit) | completed. Failures name the member
/// number as sent and why it was not credited (invalid_member_number, member_not_found, member_suspended, member_closed);
/// at most the first 1,000 are listed.
/// </summary>
public sealed record BulkGrantResponse(
    Guid Id,
    string Reason,
    long Points,
    BulkGrantStatus Status,
    int Total,
    int Credited,
    int Failed,
    int Pending,
    IReadOnlyList<BulkGrantFailure> Failures,
    bool FailuresTruncated,
    string CreatedBy,
    DateTimeOffset CreatedAt);

public sealed record BulkGrantFailure(string MemberNumber, string Code);
