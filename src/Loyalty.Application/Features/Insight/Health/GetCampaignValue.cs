using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Health;

/// <summary>
/// Which campaigns and offers won the members who became most valuable: per campaign, the lifetime value (latest
/// run) of the members it acquired (enrolment bonus) and reached (earned under it on a purchase), as the run found
/// them (a campaign's later members count from the next run); per published
/// offer, treatment against control: lifetime value and net spend in the <paramref name="Months"/> months after
/// its start (default 3), per member, and the uplift. Campaigns hold out nobody, so they report no uplift.
/// </summary>
public sealed record GetCampaignValueQuery(int? Months) : IQuery<CampaignValueResponse>;

public sealed class GetCampaignValueValidator : AbstractValidator<GetCampaignValueQuery>
{
    public GetCampaignValueValidator() =>
        RuleFor(q => q.Months).InclusiveBetween(1, GetCampaignValueHandler.MaxMonths).When(q => q.Months is not null);
}

/// <remarks>Reads the reporting context (the read replica when configured); the cached tier scheme loads from the primary.</remarks>
public sealed class GetCampaignValueHandler(ILoyaltyDbContext db, IReportingDbContext reports, IProgrammeHealthSums sums, TierSchemeCache scheme) : IQueryHandler<GetCampaignValueQuery, CampaignValueResponse>
{
    public const int DefaultMonths = 3;
    public const int MaxMonths = 24;
    private const decimal Units = 10_000m;

    public async ValueTask<CampaignValueResponse> Handle(GetCampaignValueQuery query, CancellationToken cancellationToken)
    {
        var months = query.Months ?? DefaultMonths;
        var run = await InsightViews.LatestRunAsync(reports, cancellationToken);
        var currency = run?.Currency ?? (await scheme.GetAsync(db, cancellationToken)).Settings.SpendCurrency;

        // Stored with the run (see RefreshInsightCommand): a row per campaign, whatever the programme's history.
        var campaignRows = run is null ? [] : await db.CampaignRunValues.AsNoTracking().Where(v => v.RunId == run.Id).ToListAsync(cancellationToken);
        var campaignIds = campaignRows.Select(r => r.CampaignId).ToList();
        var names = await reports.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var campaigns = campaignRows
            .Select(r => new CampaignValueItem(
                r.CampaignId,
                names.GetValueOrDefault(r.CampaignId, ""),
                Group(r.Acquired, r.AcquiredScored, r.AcquiredValue, r.AcquiredTop),
                Group(r.Reached, r.ReachedScored, r.ReachedValue, r.ReachedTop)))
            .OrderByDescending(c => c.Acquired.AverageLifetimeValue ?? -1m)
            .ThenByDescending(c => c.Reached.AverageLifetimeValue ?? -1m)
            .ThenBy(c => c.CampaignId)
            .ToList();

        var offerRows = await sums.OfferValueAsync(run?.Id, months, currency, cancellationToken);
        var offerIds = offerRows.Select(r => r.OfferId).Distinct().ToList();
        var offers = await reports.PersonalOffers.AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var items = offers
            .Select(o =>
            {
                var treatment = GroupOf(offerRows.SingleOrDefault(r => r.OfferId == o.Id && r.Group == nameof(Domain.Customised.Offers.OfferGroup.Treatment)));
                var control = offerRows.SingleOrDefault(r => r.OfferId == o.Id && r.Group == nameof(Domain.Customised.Offers.OfferGroup.Control)) is { } c ? GroupOf(c) : null;
                return new OfferValueItem(
                    o.Id, o.Name, o.StartsAt, o.ControlShare, treatment, control,
                    treatment.AverageLifetimeValue - control?.AverageLifetimeValue,
                    treatment.SpendPerMember - control?.SpendPerMember);
            })
            .OrderBy(o => o.LifetimeValueUplift is null)
            .ThenByDescending(o => o.LifetimeValueUplift)
            .ThenBy(o => o.OfferId)
            .ToList();

        return new CampaignValueResponse(run?.Id, run?.AsOf, currency, months, campaigns, items);
    }

    private static MemberGroupValue Group(long members, long scored, long value, long top) =>
        new(members, scored, value / Units, Average(value, members), top);

    private static OfferGroupValue GroupOf(OfferValueRow? r) =>
        r is null ? new OfferGroupValue(0, 0, null, null) : new OfferGroupValue(r.Members, r.Scored, Average(r.Value, r.Members), Average(r.Spend, r.Members));

    /// <summary>Ten-thousandths per member, in currency units to four decimals; null for an empty group.</summary>
    private static decimal? Average(long total, long members) =>
        members == 0 ? null : Math.Round(total / Units / members, 4, MidpointRounding.AwayFromZero);
}
