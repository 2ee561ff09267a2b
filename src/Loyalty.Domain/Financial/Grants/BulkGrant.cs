using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Domain.Financial.Grants;

/// <summary>
/// Bonus points for a list of members, given by staff with a reason (a goodwill gesture, a campaign). The request
/// only records the grant and one item per member; a background job credits the items in batches, each member at
/// most once per grant.
/// </summary>
public sealed class BulkGrant
{
    public const int MaxMembers = 10_000;
    public const long MaxPoints = 1_000_000;

    private BulkGrant()
    {
    }

    public Guid Id { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>Points each member receives.</summary>
    public long Points { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static BulkGrant Create(string reason, long points, string actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("invalid_grant", "A grant needs a reason.");
        }

        if (points is < 1 or > MaxPoints)
        {
            throw new DomainException("invalid_grant", $"A grant gives each member between 1 and {MaxPoints} points.");
        }

        return new BulkGrant { Id = EntityId.New(), Reason = reason.Trim(), Points = points, CreatedBy = actor, CreatedAt = now };
    }
}

public enum BulkGrantItemStatus
{
    /// <summary>Waiting for the job to credit it.</summary>
    Pending,
    Credited,

    /// <summary>Not credited, for the reason in <see cref="BulkGrantItem.FailureCode"/>.</summary>
    Failed,
}

/// <summary>One member of a grant. (GrantId, MemberNumber) is unique, so a member is credited at most once per grant.</summary>
public sealed class BulkGrantItem
{
    public const int MaxInputLength = 32;

    private BulkGrantItem()
    {
    }

    public long Id { get; private set; }

    public Guid GrantId { get; private set; }

    /// <summary>The normalised member number, or what the caller sent when it was not a member number.</summary>
    public string MemberNumber { get; private set; } = "";

    /// <summary>Null when the number matched no member.</summary>
    public Guid? MemberId { get; private set; }

    public BulkGrantItemStatus Status { get; private set; }

    /// <summary>Why the item failed: invalid_member_number, member_not_found, member_suspended, member_closed.</summary>
    public string? FailureCode { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public static BulkGrantItem ForMember(Guid grantId, string memberNumber, Guid memberId) =>
        new() { GrantId = grantId, MemberNumber = memberNumber, MemberId = memberId, Status = BulkGrantItemStatus.Pending };

    public static BulkGrantItem Failure(Guid grantId, string memberNumber, string code, DateTimeOffset now) =>
        new() { GrantId = grantId, MemberNumber = memberNumber, Status = BulkGrantItemStatus.Failed, FailureCode = code, ProcessedAt = now };
}

/// <summary>What a grant's list of member numbers comes to: distinct valid numbers, and the entries that are not member numbers.</summary>
public sealed record BulkGrantRecipients(IReadOnlyList<string> Numbers, IReadOnlyList<string> Invalid)
{
    /// <summary>Normalises each entry (spaces and dashes allowed) and drops repeats, keeping the first occurrence's order.</summary>
    public static BulkGrantRecipients From(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var numbers = new List<string>();
        var invalid = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (MemberNumber.TryParse(entry, out var number) == MemberNumberParseResult.Valid)
            {
                if (seen.Add(number.Value))
                {
                    numbers.Add(number.Value);
                }
            }
            else
            {
                var raw = (entry ?? "").Trim();
                if (seen.Add(raw))
                {
                    invalid.Add(raw);
                }
            }
        }

        return new BulkGrantRecipients(numbers, invalid);
    }
}
