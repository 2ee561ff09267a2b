using Loyalty.Domain.Insight.Health;

namespace Loyalty.Application.Features.Insight.Health;

/// <summary>
/// Programme health's set-based SQL (Infrastructure): each figure is one grouped statement over a range of months,
/// returning a row per month (and per channel or campaign), never a row per member.
/// </summary>
public interface IProgrammeHealthSums
{
    /// <summary>
    /// The counts of every month from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (month indexes,
    /// <see cref="HealthMeasures.Index"/>), and the new members of each per channel and per campaign.
    /// </summary>
    Task<HealthRollup> ComputeAsync(int fromMonth, int toMonth, CancellationToken cancellationToken);

    /// <summary>
    /// Per campaign with an enrolment bonus or purchase earnings: its members' value in the run (see <see cref="CampaignValueRow"/>).
    /// Groups every campaign earn line, so the insight run computes it once and keeps the rows with the run.
    /// </summary>
    Task<IReadOnlyList<CampaignValueRow>> CampaignValueAsync(Guid? runId, CancellationToken cancellationToken);

    /// <summary>Per published offer and group (treatment, control): members, their value in the run and their net spend in the months after the offer started.</summary>
    Task<IReadOnlyList<OfferValueRow>> OfferValueAsync(Guid? runId, int months, string currency, CancellationToken cancellationToken);
}

public sealed record HealthRollup(IReadOnlyDictionary<int, HealthCounts> Months, IReadOnlyList<(int Month, AcquisitionSource Source, string Key, long Members)> Acquisitions);

/// <summary>
/// A campaign's members: <c>Acquired</c> joined with its enrolment bonus, <c>Reached</c> earned under it on a purchase;
/// each with how many were scored in the run, their total lifetime value (ten-thousandths) and how many sit in the top two value deciles.
/// </summary>
public sealed record CampaignValueRow(
    Guid CampaignId, long Acquired, long AcquiredScored, long AcquiredValue, long AcquiredTop, long Reached, long ReachedScored, long ReachedValue, long ReachedTop);

/// <summary>An offer group's members, scored members, total lifetime value and total net spend after the start (ten-thousandths).</summary>
public sealed record OfferValueRow(Guid OfferId, string Group, long Members, long Scored, long Value, long Spend);
