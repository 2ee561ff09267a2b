using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Events;

/// <summary>The member was asked for a satisfaction survey after a touchpoint; it can be answered in the app until <c>expiresAt</c>.</summary>
public sealed record SurveyRequestedV1(
    Guid SurveyId,
    string MemberNumber,
    SurveyTouchpoint Touchpoint,
    DateTimeOffset ExpiresAt,
    DateTimeOffset RequestedAt) : ILoyaltyEvent
{
    public static string EventType => "survey.requested";
}
