using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Events;

/// <summary>A service case was opened for the member; a first response is due by <c>serviceLevelDueAt</c>.</summary>
public sealed record CaseOpenedV1(
    Guid CaseId,
    string MemberNumber,
    CaseCategory Category,
    CaseChannel Channel,
    CaseSeverity Severity,
    string Owner,
    DateTimeOffset ServiceLevelDueAt,
    DateTimeOffset OpenedAt) : ILoyaltyEvent
{
    public static string EventType => "case.opened";
}
