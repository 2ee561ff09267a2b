using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Profiles;

/// <summary>A subject the programme lets members say they like ("coffee", "running"); members pick from the active ones.</summary>
public sealed class InterestTopic
{
    private InterestTopic()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Stable lower-case code (unique), used by segments, offers and imports.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Retired topics stay on members who chose them but can no longer be chosen.</summary>
    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static InterestTopic Create(string code, string name, DateTimeOffset now) =>
        new() { Id = EntityId.New(), Code = NormalizeCode(code), Name = Names.Clean(name), Active = true, CreatedAt = now };

    public void Update(string name, bool active)
    {
        Name = Names.Clean(name);
        Active = active;
    }

    public static string NormalizeCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToLowerInvariant();
    }
}

/// <summary>A member's interest in a topic.</summary>
public sealed class MemberInterest
{
    private MemberInterest()
    {
    }

    public Guid MemberId { get; private set; }

    public Guid TopicId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public static MemberInterest Add(Guid memberId, Guid topicId, DateTimeOffset now) => new() { MemberId = memberId, TopicId = topicId, AddedAt = now };
}
