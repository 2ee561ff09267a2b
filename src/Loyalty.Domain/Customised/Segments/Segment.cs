using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Segments;

/// <summary>
/// A named group of members described by a rule (<see cref="Definition"/>). Who is in it is materialised in
/// <see cref="SegmentMember"/> by a set-based refresh, which also keeps <see cref="MemberCount"/> and
/// <see cref="LastRefreshedAt"/>; each entry and exit is kept in <see cref="SegmentMembershipChange"/>.
/// </summary>
public sealed class Segment
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private Segment()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public SegmentRule Definition { get; private set; } = SegmentRule.Everyone;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the membership was last computed; null until the first refresh.</summary>
    public DateTimeOffset? LastRefreshedAt { get; private set; }

    /// <summary>Members in the segment at the last refresh.</summary>
    public int MemberCount { get; private set; }

    /// <summary>An archived segment is no longer refreshed; its members and history stay for the record.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    public static Segment Create(string name, string? description, SegmentRule definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new()
        {
            Id = EntityId.New(),
            Name = Names.Clean(name),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Definition = definition,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A new name or rule takes effect at the next refresh; the current members stay until then.</summary>
    public void Update(string name, string? description, SegmentRule definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnsureNotArchived();
        Name = Names.Clean(name);
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Definition = definition;
        UpdatedAt = now;
    }

    public void Archive(DateTimeOffset now)
    {
        EnsureNotArchived();
        ArchivedAt = now;
        UpdatedAt = now;
    }

    public void EnsureNotArchived()
    {
        if (IsArchived)
        {
            throw new DomainException("segment_archived", "The segment is archived.");
        }
    }
}

/// <summary>A member in a segment now, since the refresh that found them.</summary>
public sealed class SegmentMember
{
    private SegmentMember()
    {
    }

    public Guid SegmentId { get; private set; }

    public Guid MemberId { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }
}

public enum SegmentChange
{
    Entered,
    Left,
}

/// <summary>One entry into or exit from a segment, appended by a refresh and never changed.</summary>
public sealed class SegmentMembershipChange
{
    private SegmentMembershipChange()
    {
    }

    public long Id { get; private set; }

    public Guid SegmentId { get; private set; }

    public Guid MemberId { get; private set; }

    public SegmentChange Change { get; private set; }

    public DateTimeOffset At { get; private set; }
}
