namespace Loyalty.Contracts.Member;

/// <summary>What a recommendation points at.</summary>
public enum RecommendationCandidateKind
{
    /// <summary>A reward from the catalogue the member may redeem.</summary>
    Reward,

    /// <summary>A personal offer the member holds.</summary>
    Offer,
}

/// <summary>What a recommendation rests on.</summary>
public enum RecommendationReasonKind
{
    /// <summary>The member buys the category themselves.</summary>
    Habit,

    /// <summary>Baskets with a category the member buys also hold this one.</summary>
    CoPurchase,

    /// <summary>Often bought by members in general; nothing in the member's own purchases points at it.</summary>
    Popular,

    /// <summary>About no category; open to the member now.</summary>
    Open,
}

/// <summary>The member's own purchases a reason rests on (the last 365 days).</summary>
/// <param name="Category">The category the member bought.</param>
/// <param name="Purchases">How many of their purchases held it.</param>
/// <param name="LastPurchasedAt">Their last purchase holding it.</param>
/// <param name="IntervalDays">Their usual gap between those purchases, in days; null after a single purchase.</param>
public sealed record RecommendationEvidence(string Category, int Purchases, DateTimeOffset LastPurchasedAt, double? IntervalDays);

/// <summary>
/// One next best offer, with the reason in words and the purchases behind it. computedAt is the refresh it comes
/// from; live is true when none was stored for the member yet and it was computed for this request.
/// </summary>
public sealed record RecommendationResponse(
    int Rank,
    RecommendationCandidateKind Kind,
    Guid Id,
    string Name,
    string? Category,
    RecommendationReasonKind ReasonKind,
    string Reason,
    RecommendationEvidence? BasedOn,
    double Score,
    DateTimeOffset ComputedAt,
    bool Live);
