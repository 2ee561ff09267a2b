namespace Loyalty.Domain.Customised.Recommendations;

/// <summary>
/// A stored next best offer for one member, as the last refresh computed it: the candidate, its rank and score, and
/// the reason with the facts behind it. A refresh replaces a member's rows as a whole.
/// </summary>
public sealed class MemberRecommendation
{
    public const int NameLength = 200;

    public const int ReasonLength = 400;

    private MemberRecommendation()
    {
    }

    public Guid MemberId { get; private set; }

    /// <summary>1 for the best; with the member, the row's key.</summary>
    public int Rank { get; private set; }

    public RecommendationCandidateKind CandidateKind { get; private set; }

    public Guid CandidateId { get; private set; }

    public string CandidateName { get; private set; } = "";

    public string? Category { get; private set; }

    public double Score { get; private set; }

    public RecommendationReasonKind ReasonKind { get; private set; }

    public string Reason { get; private set; } = "";

    public string? BasedOnCategory { get; private set; }

    public int? BasedOnPurchases { get; private set; }

    public DateTimeOffset? LastPurchasedAt { get; private set; }

    public double? IntervalDays { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    public static MemberRecommendation Store(Guid memberId, Recommendation recommendation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        var reason = recommendation.Reason;
        return new MemberRecommendation
        {
            MemberId = memberId,
            Rank = recommendation.Rank,
            CandidateKind = recommendation.Candidate.Kind,
            CandidateId = recommendation.Candidate.Id,
            CandidateName = Cut(recommendation.Candidate.Name, NameLength),
            Category = recommendation.Candidate.Category,
            Score = recommendation.Score,
            ReasonKind = reason.Kind,
            Reason = Cut(reason.Text, ReasonLength),
            BasedOnCategory = reason.BasedOnCategory,
            BasedOnPurchases = reason.Purchases,
            LastPurchasedAt = reason.LastPurchasedAt,
            IntervalDays = reason.IntervalDays,
            ComputedAt = now,
        };
    }

    public Recommendation ToRecommendation() =>
        new(Rank, new RecommendationCandidate(CandidateKind, CandidateId, CandidateName, Category), Score,
            new RecommendationReason(ReasonKind, Reason, BasedOnCategory, BasedOnPurchases, LastPurchasedAt, IntervalDays));

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>One learnt co-purchase pair, stored by the programme-wide refresh so a single member can be scored without relearning.</summary>
public sealed class CategoryCoPurchase
{
    private CategoryCoPurchase()
    {
    }

    public string FromCategory { get; private set; } = "";

    public string ToCategory { get; private set; } = "";

    public int Baskets { get; private set; }

    public double Confidence { get; private set; }

    public double Lift { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    public static CategoryCoPurchase Store(CoPurchase pair, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new CategoryCoPurchase { FromCategory = pair.From, ToCategory = pair.To, Baskets = pair.Baskets, Confidence = pair.Confidence, Lift = pair.Lift, ComputedAt = now };
    }

    public CoPurchase ToCoPurchase() => new(FromCategory, ToCategory, Baskets, Confidence, Lift);
}

/// <summary>A category's share of all baskets, stored with the co-purchase pairs for the popularity fallback.</summary>
public sealed class CategoryPopularity
{
    private CategoryPopularity()
    {
    }

    public string Category { get; private set; } = "";

    public double Share { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    public static CategoryPopularity Store(string category, double share, DateTimeOffset now) =>
        new() { Category = category, Share = share, ComputedAt = now };
}
