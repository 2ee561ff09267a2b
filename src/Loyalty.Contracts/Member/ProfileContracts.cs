using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>A topic of interest the programme offers.</summary>
public sealed record InterestTopicSummary(Guid Id, string Code, string Name);

/// <summary>
/// Preferences and income band, replaced as a whole when given in an update (a null field means "no preference").
/// <c>preferredChannel</c> is email, push or sms; <c>language</c> a BCP 47 tag ("en", "nl-BE").
/// </summary>
public sealed record ProfileDetails(Guid? PreferredStoreId, ContactChannel? PreferredChannel, string? Language, IncomeBand? IncomeBand);

/// <summary>The member's household: its id, whether this member is its head, and how many members it has.</summary>
public sealed record HouseholdSummary(Guid Id, bool IsHead, int MemberCount);

/// <summary>A programme-defined attribute's value (dates as yyyy-MM-dd, numbers with '.', booleans true/false).</summary>
public sealed record ProfileAttributeEntry(string Code, string Name, AttributeType Type, string Value);

/// <summary>One consent's current state; never changed means not granted (<c>changedAt</c> and <c>source</c> null).</summary>
public sealed record ConsentState(ConsentPurpose Purpose, ContactChannel Channel, bool Granted, DateTimeOffset? ChangedAt, ConsentSource? Source);

/// <summary>Grant or withdraw one consent. Marketing is per channel (email, push, sms); profiling and partnerSharing use channel none.</summary>
public sealed record ConsentUpdate(ConsentPurpose Purpose, ContactChannel Channel, bool Granted);

/// <summary>One past change of a consent. <c>actor</c> (the staff user or partner who recorded it) is shown to staff only.</summary>
public sealed record ConsentHistoryEntry(long Id, ConsentPurpose Purpose, ContactChannel Channel, bool Granted, DateTimeOffset ChangedAt, ConsentSource Source, string? Actor = null);

/// <summary>
/// What the member told the club about themselves and what they agreed to. Every consent pair is listed (five);
/// <c>attributes</c> holds the programme-defined attributes that have a value.
/// </summary>
public sealed record MyProfileResponse(
    string MemberNumber,
    IReadOnlyList<InterestTopicSummary> Interests,
    ProfileDetails Details,
    HouseholdSummary? Household,
    IReadOnlyList<ProfileAttributeEntry> Attributes,
    IReadOnlyList<ConsentState> Consents);

/// <summary>
/// A partial update: a property left out (or null) stays as it is. <c>interests</c> (topic codes) replaces the set;
/// <c>details</c> replaces preferences and income band; <c>attributes</c> sets the codes given (a null value removes
/// one); <c>consents</c> changes the pairs given, each real change kept in the history with its time and source.
/// </summary>
public sealed record UpdateMyProfileRequest(
    IReadOnlyList<string>? Interests = null,
    ProfileDetails? Details = null,
    IReadOnlyDictionary<string, string?>? Attributes = null,
    IReadOnlyList<ConsentUpdate>? Consents = null);

/// <summary>An attribute the member may fill in; <c>choices</c> lists the allowed values of a choice attribute.</summary>
public sealed record ProfileAttributeOption(string Code, string Name, AttributeType Type, IReadOnlyList<string> Choices);

/// <summary>What the profile screen offers: active interest topics (by name) and member-editable attributes.</summary>
public sealed record ProfileOptionsResponse(IReadOnlyList<InterestTopicSummary> Topics, IReadOnlyList<ProfileAttributeOption> Attributes);
