namespace Loyalty.Contracts.Admin;

/// <summary>Why a member has a key-account file.</summary>
public enum KeyAccountKind
{
    Business,
    Top,
}

/// <summary>How an account manager was in touch with a key account.</summary>
public enum InteractionKind
{
    Call,
    Visit,
    Email,
    Meeting,
}

/// <summary>Why a member gets priority service: not at all, flagged themselves, or through their tier.</summary>
public enum PrioritySource
{
    None,
    Member,
    Tier,
}

/// <summary>Registers a staff user (the token's <c>sub</c>) as an account manager looking after at most <c>capacity</c> members.</summary>
public sealed record RegisterAccountManagerRequest(string Subject, string Name, string Email, int Capacity);

public sealed record UpdateAccountManagerRequest(string Name, string Email, int Capacity, bool Active);

public sealed record AccountManagerResponse(Guid Id, string Subject, string Name, string Email, int Capacity, bool Active, int Members, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A manager's load: members looked after, key-account files among them, reviews due and next steps open and overdue (at the time asked).</summary>
public sealed record ManagerWorkloadResponse(Guid ManagerId, string Name, bool Active, int Capacity, int Members, int KeyAccounts, int DueReviews, int OpenNextSteps, int DueNextSteps);

/// <summary>Assigns the members to the manager; a member who has another manager moves (kept in the history with the reason).</summary>
public sealed record AssignMembersRequest(IReadOnlyList<Guid> MemberIds, string Reason);

/// <summary>The member's manager from now on; null releases the member from any portfolio.</summary>
public sealed record ChangeAccountManagerRequest(Guid? ManagerId, string Reason);

/// <summary>The members of an assignment request, each with their manager now.</summary>
public sealed record AssignmentsResponse(Guid ManagerId, IReadOnlyList<MemberAccountManagerResponse> Members);

public sealed record MemberAccountManagerResponse(Guid MemberId, Guid? ManagerId, string? ManagerName, DateTimeOffset? AssignedAt, string? AssignedBy);

public sealed record AssignmentChangeResponse(Guid Id, Guid MemberId, Guid? FromManagerId, Guid? ToManagerId, DateTimeOffset ChangedAt, string ChangedBy, string Reason);

/// <summary>An unassigned member worth a manager: net spend over the last 12 months in the spend currency, tier, and the value score ranking them.</summary>
public sealed record AssignmentSuggestionResponse(
    Guid MemberId, string MemberNumber, string FirstName, string LastName, Guid TierId, string TierName, int TierRank, decimal NetSpend12Months, string Currency, decimal Value);

public sealed record PortfolioMemberResponse(
    Guid MemberId, string MemberNumber, string FirstName, string LastName, string TierName, Guid ManagerId, DateTimeOffset AssignedAt, KeyAccountKind? KeyAccount, DateTimeOffset? NextReviewAt);

public sealed record KeyAccountContactDto(string Name, string? Role = null, string? Email = null, string? Phone = null);

public sealed record AgreedTermsDto(string? ServiceLevel = null, string? CreditTerms = null, string? PaymentTerms = null);

/// <summary>The whole file as it should be from now on (contacts replace the old list).</summary>
public sealed record KeyAccountFileRequest(
    KeyAccountKind Kind, string? Company, IReadOnlyList<KeyAccountContactDto>? Contacts, string? Needs, string? Equipment, AgreedTermsDto? Terms, DateTimeOffset? NextReviewAt);

public sealed record KeyAccountFileResponse(
    Guid MemberId,
    string MemberNumber,
    KeyAccountKind Kind,
    string? Company,
    IReadOnlyList<KeyAccountContactDto> Contacts,
    string? Needs,
    string? Equipment,
    AgreedTermsDto Terms,
    DateTimeOffset? NextReviewAt,
    Guid? ManagerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record RecordInteractionRequest(InteractionKind Kind, DateTimeOffset OccurredAt, string Summary, string? Outcome, string? NextStep, DateTimeOffset? NextStepDueAt);

public sealed record InteractionResponse(
    Guid Id,
    Guid MemberId,
    InteractionKind Kind,
    DateTimeOffset OccurredAt,
    string Summary,
    string? Outcome,
    string? NextStep,
    DateTimeOffset? NextStepDueAt,
    DateTimeOffset? NextStepDoneAt,
    string RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record DueReviewResponse(Guid MemberId, string MemberNumber, KeyAccountKind Kind, string? Company, DateTimeOffset NextReviewAt, Guid ManagerId);

public sealed record DueNextStepResponse(Guid InteractionId, Guid MemberId, string MemberNumber, string NextStep, DateTimeOffset NextStepDueAt, Guid ManagerId);

public sealed record MemberPriorityRequest(bool Priority, string? Reason);

public sealed record TierPriorityRequest(bool Priority);

/// <summary>Whether service should put the member first, why, and the response time their tier promises (null = standard).</summary>
public sealed record PriorityServiceResponse(Guid MemberId, bool Priority, PrioritySource Source, int? SupportResponseHours, string? Reason, DateTimeOffset? SetAt, string? SetBy);

public sealed record TierPriorityResponse(Guid TierId, string TierName, bool Priority, int? SupportResponseHours);
