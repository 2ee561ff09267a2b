using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Events;

/// <summary>A case was resolved; <c>goodwillPoints</c> were credited with it (0 = none).</summary>
public sealed record CaseResolvedV1(
    Guid CaseId,
    string MemberNumber,
    CaseOutcome Outcome,
    long GoodwillPoints,
    DateTimeOffset ResolvedAt) : ILoyaltyEvent
{
    public static string EventType => "case.resolved";
}
