using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>A tier change's <c>tier.changed</c> event payload; <see cref="ITierMoves"/> writes the change.</summary>
public static class TierChanges
{
    /// <summary>The <c>tier.changed</c> payload; every move writes this shape (the review job builds it in SQL). activity: null when not measured.</summary>
    public static object Payload(string memberNumber, Tier? from, Tier to, TierChangeReason reason, QualifyingActivity? activity, DateTimeOffset at) => new
    {
        memberNumber,
        from = from is null ? null : Ref(from),
        to = Ref(to),
        reason = ReasonName(reason),
        activity = activity is { } a ? new { pointsEarned = a.PointsEarned, spend = a.Spend, visits = a.Visits } : null,
        occurredAt = at,
    };

    public static object Ref(Tier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return new { id = tier.Id, name = tier.Name, rank = tier.Rank };
    }

    public static string ReasonName(TierChangeReason reason) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());
}
