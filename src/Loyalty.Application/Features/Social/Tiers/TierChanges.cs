using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>A tier change as history and as a <c>tier.changed</c> event, added to the unit of work.</summary>
public static class TierChanges
{
    public static void Record(
        ILoyaltyDbContext db, EventOutbox outbox, Domain.Social.Members.Member member, Tier? from, Tier to, TierChangeReason reason, QualifyingActivity? activity, DateTimeOffset at, string actor = "system")
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(to);
        db.TierChanges.Add(TierChange.Record(member.Id, from?.Id, to.Id, reason, activity, at, actor));
        outbox.Add(EventTypes.TierChanged, member.Id, null, Payload(member.MemberNumber, from, to, reason, activity, at));
    }

    /// <summary>The <c>tier.changed</c> payload; the review job and scheme changes build the same shape in SQL. activity: null when not measured.</summary>
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
