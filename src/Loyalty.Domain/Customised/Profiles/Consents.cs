using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Profiles;

/// <summary>What a member agrees their data may be used for.</summary>
public enum ConsentPurpose
{
    /// <summary>Being contacted with offers and news, per channel (e-mail, push, SMS).</summary>
    Marketing,

    /// <summary>Analysing purchases and profile to personalise (segments, recommendations); channel <see cref="ContactChannel.None"/>.</summary>
    Profiling,

    /// <summary>Partners may receive the member's data; channel <see cref="ContactChannel.None"/>.</summary>
    PartnerSharing,
}

/// <summary>How the club reaches a member. <see cref="None"/> is for purposes that are not about contact.</summary>
public enum ContactChannel
{
    None,
    Email,
    Push,
    Sms,
}

/// <summary>Where a consent change came from.</summary>
public enum ConsentSource
{
    App,
    Till,
    Staff,
    Import,
}

public static class ConsentRules
{
    /// <summary>Marketing is given per contact channel; the other purposes are one consent each (channel None).</summary>
    public static bool IsValidPair(ConsentPurpose purpose, ContactChannel channel) =>
        purpose == ConsentPurpose.Marketing ? channel != ContactChannel.None : channel == ContactChannel.None;

    public static void EnsureValidPair(ConsentPurpose purpose, ContactChannel channel)
    {
        if (!Enum.IsDefined(purpose) || !Enum.IsDefined(channel) || !IsValidPair(purpose, channel))
        {
            throw new DomainException(
                "invalid_consent_channel",
                "Marketing consent is given per channel (email, push, sms); profiling and partner sharing use channel none.");
        }
    }

    /// <summary>Every (purpose, channel) pair a member can consent to, in display order.</summary>
    public static IReadOnlyList<(ConsentPurpose Purpose, ContactChannel Channel)> All { get; } =
    [
        (ConsentPurpose.Marketing, ContactChannel.Email),
        (ConsentPurpose.Marketing, ContactChannel.Push),
        (ConsentPurpose.Marketing, ContactChannel.Sms),
        (ConsentPurpose.Profiling, ContactChannel.None),
        (ConsentPurpose.PartnerSharing, ContactChannel.None),
    ];
}

/// <summary>
/// The current state of one consent of one member (one row per member, purpose and channel). No row means not
/// granted: consent is opt-in. Every change is also kept in <see cref="ConsentChange"/>.
/// </summary>
public sealed class MemberConsent
{
    private MemberConsent()
    {
    }

    public Guid MemberId { get; private set; }

    public ConsentPurpose Purpose { get; private set; }

    public ContactChannel Channel { get; private set; }

    public bool Granted { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public ConsentSource Source { get; private set; }

    public static MemberConsent Record(Guid memberId, ConsentPurpose purpose, ContactChannel channel, bool granted, ConsentSource source, DateTimeOffset now)
    {
        ConsentRules.EnsureValidPair(purpose, channel);
        return new MemberConsent { MemberId = memberId, Purpose = purpose, Channel = channel, Granted = granted, ChangedAt = now, Source = source };
    }

    /// <summary>Sets the consent; false (nothing recorded) when it already had this value, so history holds real changes only.</summary>
    public bool Change(bool granted, ConsentSource source, DateTimeOffset now)
    {
        if (Granted == granted)
        {
            return false;
        }

        Granted = granted;
        ChangedAt = now;
        Source = source;
        return true;
    }
}

/// <summary>One change of a consent, append-only: what was decided, when, through which source and by whom.</summary>
public sealed class ConsentChange
{
    private ConsentChange()
    {
    }

    public long Id { get; private set; }

    public Guid MemberId { get; private set; }

    public ConsentPurpose Purpose { get; private set; }

    public ContactChannel Channel { get; private set; }

    public bool Granted { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public ConsentSource Source { get; private set; }

    /// <summary>Who recorded it: the staff user, the partner (<c>partner:{id}</c>), the import; null when the member did it in the app.</summary>
    public string? Actor { get; private set; }

    public static ConsentChange Of(MemberConsent consent, string? actor)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new ConsentChange
        {
            MemberId = consent.MemberId,
            Purpose = consent.Purpose,
            Channel = consent.Channel,
            Granted = consent.Granted,
            ChangedAt = consent.ChangedAt,
            Source = consent.Source,
            Actor = actor,
        };
    }
}
