using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>
/// An offer's performance: reach, activations and redemptions of the treated members, and their spend and visits in
/// the window against the control group's, per member. Spend is in <paramref name="Currency"/> (default: the tier
/// programme's spend currency), net of returns.
/// </summary>
public sealed record GetPersonalOfferReportQuery(Guid OfferId, string? Currency) : IQuery<PersonalOfferReportResponse>;

public sealed class GetPersonalOfferReportValidator : AbstractValidator<GetPersonalOfferReportQuery>
{
    public GetPersonalOfferReportValidator() => RuleFor(q => q.Currency).Length(3).Matches("^[A-Z]{3}$").When(q => q.Currency is not null);
}

public sealed class GetPersonalOfferReportHandler(IReportingDbContext db, IOfferReportSums sums, TimeProvider clock) : IQueryHandler<GetPersonalOfferReportQuery, PersonalOfferReportResponse>
{
    private const decimal Units = 10_000m;

    public async ValueTask<PersonalOfferReportResponse> Handle(GetPersonalOfferReportQuery query, CancellationToken cancellationToken)
    {
        var offer = await db.PersonalOffers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OfferId, cancellationToken) ?? throw PersonalOffers.NotFound();
        if (offer.Status == OfferStatus.Draft)
        {
            throw new DomainException(ErrorCodes.OfferNotPublished, "A draft has no audience yet; publish it to measure it.");
        }

        var currency = query.Currency
            ?? (await db.TierProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == TierProgramme.SingletonId, cancellationToken))?.Settings.SpendCurrency
            ?? TierProgrammeSettings.Default.SpendCurrency;
        var from = offer.StartsAt;
        var to = new[] { offer.EndsAt, offer.WithdrawnAt ?? offer.EndsAt, clock.GetUtcNow() }.Min();
        to = to < from ? from : to;

        var groups = await db.OfferAssignments.AsNoTracking().Where(a => a.OfferId == offer.Id)
            .GroupBy(a => a.Group)
            .Select(g => new { Group = g.Key, Members = g.Count(), Activated = g.Count(a => a.ActivatedAt != null), Redeemers = g.Count(a => a.Uses > 0), Uses = g.Sum(a => (long)a.Uses) })
            .ToListAsync(cancellationToken);
        var points = await db.EarnBreakdownLines.AsNoTracking().Where(l => l.OfferId == offer.Id).SumAsync(l => l.Points, cancellationToken);
        var activity = (await sums.ActivityAsync(offer.Id, from, to, currency, cancellationToken)).ToDictionary(a => a.Group, StringComparer.Ordinal);

        var treated = groups.SingleOrDefault(g => g.Group == OfferGroup.Treatment);
        var control = groups.SingleOrDefault(g => g.Group == OfferGroup.Control);
        var t = Figures(treated?.Members ?? 0, activity.GetValueOrDefault(nameof(OfferGroup.Treatment)));
        var c = Figures(control?.Members ?? 0, activity.GetValueOrDefault(nameof(OfferGroup.Control)));
        return new PersonalOfferReportResponse(
            offer.Id,
            WireValue.Of<Contracts.Common.OfferStatus>(offer.Status),
            from,
            to,
            currency,
            treated?.Members ?? 0,
            treated?.Activated ?? 0,
            treated?.Redeemers ?? 0,
            treated?.Uses ?? 0,
            points,
            t,
            c,
            t.SpendPerMember - c.SpendPerMember,
            t.VisitsPerMember - c.VisitsPerMember);
    }

    private static OfferGroupFigures Figures(int members, OfferGroupActivity? activity)
    {
        var spend = (activity?.SpendUnits ?? 0) / Units;
        var visits = activity?.Visits ?? 0;
        return new OfferGroupFigures(
            members,
            spend,
            visits,
            members == 0 ? 0 : decimal.Round(spend / members, 4),
            members == 0 ? 0 : decimal.Round((decimal)visits / members, 4));
    }
}
