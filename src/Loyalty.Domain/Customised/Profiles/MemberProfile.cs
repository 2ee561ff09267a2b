using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Profiles;

/// <summary>Coarse household income, as the member chose to tell it (bands, never an amount).</summary>
public enum IncomeBand
{
    Low,
    LowerMiddle,
    Middle,
    UpperMiddle,
    High,
}

/// <summary>
/// What the member (or staff) told the club beyond the enrolment details: preferences, household and income band.
/// One row per member, created on the first change; no row means nothing was said. Kept out of <c>Member</c> so the
/// hot paths (till, earning) never load it.
/// </summary>
public sealed class MemberProfile
{
    private MemberProfile()
    {
    }

    public Guid MemberId { get; private set; }

    public Guid? PreferredStoreId { get; private set; }

    /// <summary>How the member prefers to be reached; contact still needs the marketing consent for that channel.</summary>
    public ContactChannel? PreferredChannel { get; private set; }

    /// <summary>BCP 47 language tag ("en", "nl-BE").</summary>
    public string? Language { get; private set; }

    public IncomeBand? IncomeBand { get; private set; }

    public Guid? HouseholdId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static MemberProfile Start(Guid memberId, DateTimeOffset now) => new() { MemberId = memberId, UpdatedAt = now };

    public void SetPreferredStore(Guid? storeId, DateTimeOffset now) => (PreferredStoreId, UpdatedAt) = (storeId, now);

    public void SetPreferredChannel(ContactChannel? channel, DateTimeOffset now)
    {
        if (channel == ContactChannel.None)
        {
            throw new DomainException("invalid_preferred_channel", "The preferred channel is email, push or sms (or null for no preference).");
        }

        (PreferredChannel, UpdatedAt) = (channel, now);
    }

    public void SetLanguage(string? language, DateTimeOffset now) => (Language, UpdatedAt) = (string.IsNullOrWhiteSpace(language) ? null : language.Trim(), now);

    public void SetIncomeBand(IncomeBand? band, DateTimeOffset now) => (IncomeBand, UpdatedAt) = (band, now);

    public void JoinHousehold(Guid householdId, DateTimeOffset now) => (HouseholdId, UpdatedAt) = (householdId, now);

    public void LeaveHousehold(DateTimeOffset now) => (HouseholdId, UpdatedAt) = (null, now);

    /// <summary>Forgets everything the member told (erasure).</summary>
    public void Clear(DateTimeOffset now)
    {
        PreferredStoreId = null;
        PreferredChannel = null;
        Language = null;
        IncomeBand = null;
        HouseholdId = null;
        UpdatedAt = now;
    }
}

/// <summary>Members living together, linked for later pooling of points; one of them is the head.</summary>
public sealed class Household
{
    private Household()
    {
    }

    public Guid Id { get; private set; }

    public Guid HeadMemberId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Household Found(Guid headMemberId, DateTimeOffset now) => new() { Id = EntityId.New(), HeadMemberId = headMemberId, CreatedAt = now };

    public void ChangeHead(Guid memberId) => HeadMemberId = memberId;
}
