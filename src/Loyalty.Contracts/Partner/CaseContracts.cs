using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Partner;

/// <summary>
/// A case a till opens for a member at one of the partner's own stores (scope cases:open). <c>purchaseExternalId</c>
/// is the partner's receipt id, when the case is about a purchase.
/// </summary>
public sealed record PartnerOpenCaseRequest(string MemberNumber, Guid StoreId, CaseCategory Category, CaseSeverity Severity, string Title, string Description, string? PurchaseExternalId = null);

/// <summary>The case as opened: who works it and when a first response is due.</summary>
public sealed record PartnerCaseResponse(Guid Id, string MemberNumber, Guid StoreId, CaseStatus Status, DateTimeOffset OpenedAt, DateTimeOffset ServiceLevelDueAt, string NextStep, DateTimeOffset NextStepDueAt);
