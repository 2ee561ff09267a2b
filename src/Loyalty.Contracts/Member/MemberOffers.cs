using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>
/// A personal offer made to me. When requiresActivation is true it applies to my purchases only once activated (see
/// activate); usesLeft counts the purchases that may still use it.
/// </summary>
public sealed record MemberOfferResponse(
    Guid Id,
    string Name,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    OfferBenefitDto Benefit,
    bool RequiresActivation,
    bool Activated,
    DateTimeOffset? ActivatedAt,
    int PerMemberLimit,
    int UsesLeft);
