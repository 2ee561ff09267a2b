using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;

namespace Loyalty.Contracts.Admin;

/// <summary>A topic members may pick as an interest. <c>code</c> is stable (lower case, letters, digits, '-', '_'); it cannot change.</summary>
public sealed record CreateInterestTopicRequest(string Code, string Name);

/// <summary>Renames or retires a topic; a retired topic stays on members who chose it but cannot be chosen again.</summary>
public sealed record UpdateInterestTopicRequest(string Name, bool Active);

public sealed record InterestTopicResponse(Guid Id, string Code, string Name, bool Active, int MemberCount, DateTimeOffset CreatedAt);

/// <summary>
/// An optional attribute the programme defines. <c>choices</c> lists the allowed values of a choice attribute;
/// <c>memberEditable</c> shows it in the app (otherwise staff only).
/// </summary>
public sealed record CreateProfileAttributeRequest(string Code, string Name, AttributeType Type, IReadOnlyList<string>? Choices, bool MemberEditable);

public sealed record UpdateProfileAttributeRequest(string Name, IReadOnlyList<string>? Choices, bool MemberEditable, bool Active);

public sealed record ProfileAttributeResponse(Guid Id, string Code, string Name, AttributeType Type, IReadOnlyList<string> Choices, bool MemberEditable, bool Active, DateTimeOffset CreatedAt);

/// <summary>An attribute a partner keeps about the member in its own namespace.</summary>
public sealed record PartnerAttributeEntry(Guid PartnerId, string PartnerName, string Key, string Value, DateTimeOffset UpdatedAt);

/// <summary>The member's profile as staff see it: the member's own view plus partners' attributes.</summary>
public sealed record AdminMemberProfileResponse(
    Guid MemberId,
    string MemberNumber,
    IReadOnlyList<InterestTopicSummary> Interests,
    ProfileDetails Details,
    HouseholdSummary? Household,
    IReadOnlyList<ProfileAttributeEntry> Attributes,
    IReadOnlyList<ConsentState> Consents,
    IReadOnlyList<PartnerAttributeEntry> PartnerAttributes);

/// <summary>
/// Staff enrol a member (by phone, at a desk, from a paper form). <c>storeId</c> (optional) records where;
/// <c>consents</c> are what the person agreed to, recorded with source staff.
/// </summary>
public sealed record StaffEnrolMemberRequest(
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    DateOnly? BirthDate,
    Guid? StoreId = null,
    IReadOnlyList<ConsentUpdate>? Consents = null);

/// <summary>Find members by an exact e-mail (any case) or an exact phone number as stored; exactly one of the two.</summary>
public sealed record StaffMemberLookupRequest(string? Email, string? Phone);

/// <summary>Members of one household; <c>headMemberId</c> must be one of <c>memberIds</c>.</summary>
public sealed record HouseholdRequest(Guid HeadMemberId, IReadOnlyList<Guid> MemberIds);

public sealed record HouseholdMemberEntry(Guid MemberId, string MemberNumber, bool IsHead);

public sealed record HouseholdResponse(Guid Id, Guid HeadMemberId, IReadOnlyList<HouseholdMemberEntry> Members, DateTimeOffset CreatedAt);

/// <summary>The members an exact e-mail or phone matched (none, one, or a few sharing a phone).</summary>
public sealed record MemberMatchesResponse(IReadOnlyList<AdminMemberResponse> Items);

/// <summary>
/// Consents brought in from another system (a CRM, a previous programme, signed paper forms), up to 1,000 rows at a
/// time. <c>reference</c> names the batch and is kept as the actor of every change (<c>import:{reference}</c>).
/// </summary>
public sealed record ImportConsentsRequest(string Reference, IReadOnlyList<ConsentImportRow> Rows);

/// <summary>
/// One member's decision on one purpose and channel. <c>decidedAt</c> is when the member decided in the source system:
/// a row older than the member's latest change of that consent is skipped as stale, so an import never undoes what the
/// member said since. Without it the row counts as decided now.
/// </summary>
public sealed record ConsentImportRow(string MemberNumber, ConsentPurpose Purpose, ContactChannel Channel, bool Granted, DateTimeOffset? DecidedAt = null);

/// <summary>What happened to each row, in the order sent (<c>row</c> counts from 0; member numbers as stored). <c>id</c> names the import in the audit trail.</summary>
public sealed record ConsentImportResponse(Guid Id, string Reference, int Applied, int Unchanged, int Skipped, IReadOnlyList<ConsentImportRowOutcome> Rows);

public sealed record ConsentImportRowOutcome(int Row, string MemberNumber, ConsentPurpose Purpose, ContactChannel Channel, ConsentImportOutcome Outcome);
