using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Partner;

/// <summary>
/// A till finds a member's card from what the customer says: an exact e-mail (any case) or an exact phone number as
/// stored, exactly one of the two. Sent in the body so contact details stay out of URLs and logs.
/// </summary>
public sealed record PartnerMemberLookupRequest(string? Email, string? Phone);

/// <summary>Only what a till needs to carry on with the card: no name, no profile.</summary>
public sealed record PartnerMemberLookupResponse(Guid MemberId, string MemberNumber);

/// <summary>
/// Sets this partner's own attributes of a member: keys (lower case; letters, digits, '_', '-', '.') with their values; a
/// null value removes the key. Other partners never see them.
/// </summary>
public sealed record SetPartnerAttributesRequest(IReadOnlyDictionary<string, string?> Attributes);

public sealed record PartnerAttribute(string Key, string Value, DateTimeOffset UpdatedAt);

/// <summary>This partner's attributes of the member (only its own namespace).</summary>
public sealed record PartnerAttributesResponse(string MemberNumber, IReadOnlyList<PartnerAttribute> Items);

/// <summary>A consent the customer gave or withdrew at the till. Marketing is per channel; profiling and partnerSharing use channel none.</summary>
public sealed record TillConsentChange(ConsentPurpose Purpose, ContactChannel Channel, bool Granted);

/// <summary>Consent changes recorded at the till (source till); the answer carries nothing of the profile.</summary>
public sealed record RecordTillConsentsRequest(IReadOnlyList<TillConsentChange> Consents);
