using Loyalty.Application.Common;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>A tier change's <c>tier.changed</c> event payload; <see cref="ITierMoves"/> writes the change.</summary>
public static class TierChanges
{
    /// <summary>The <c>tier.changed</c> payload; the review job and scheme changes build the same shape in SQL. activity: null when not measured.</summary>
    public static TierChangedV1 Payload(string memberNumber, Tier? from, Tier to, TierChangeReason reason, QualifyingActivity? activity, DateTimeOffset at) =>
        new(
            memberNumber,
            from is null ? null : Ref(from),
            Ref(to),
            WireValue.Of<TierChangeReasonValue>(reason),
            activity is { } a ? new TierChangeActivity(a.PointsEarned, a.Spend, a.Visits) : null,
            at);

    public static EventTier Ref(Tier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return new EventTier(tier.Id, tier.Name, tier.Rank);
    }

    public static string ReasonName(TierChangeReason reason) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());
}
