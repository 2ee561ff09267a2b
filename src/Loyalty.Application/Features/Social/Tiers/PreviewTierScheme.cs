using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>"How many members would move up or down?" — a scheme evaluated against today's members, nothing saved.</summary>
public sealed record PreviewTierSchemeQuery(TierSchemeRequest Request) : IQuery<TierSchemePreviewResponse>;

/// <summary>A preview checks the draft as a submission would be checked.</summary>
public sealed class PreviewTierSchemeValidator : AbstractValidator<PreviewTierSchemeQuery>
{
    public PreviewTierSchemeValidator(TimeProvider clock) =>
        RuleFor(q => q.Request).NotNull().SetValidator(new TierSchemeRequestValidator(clock));
}

/// <summary>
/// One grouped aggregate (<see cref="ITierSchemePreview"/>) over all members who are not closed: per member, the activity in the new scheme's window
/// ending at asOf and the tier they would be in after (a CASE built from the scheme: a higher tier they qualify for;
/// a lower one when they miss the new retention thresholds — as if reviewed at asOf — or their tier is retired),
/// counted by (tier now, tier after). Ranks tell up from down.
/// </summary>
public sealed class PreviewTierSchemeHandler(ILoyaltyDbContext db, ITierSchemePreview preview, TimeProvider clock) : IQueryHandler<PreviewTierSchemeQuery, TierSchemePreviewResponse>
{
    public async ValueTask<TierSchemePreviewResponse> Handle(PreviewTierSchemeQuery query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        var now = clock.GetUtcNow();
        var asOf = request.EffectiveFrom?.ToUniversalTime() ?? now;
        var scheme = TierSchemeMapping.ToDomain(request);
        scheme.Validate();
        var (settings, definitions) = (scheme.Settings, scheme.Tiers);

        var existing = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken);
        var unknown = request.Tiers.FirstOrDefault(t => t.Id is { } id && existing.All(e => e.Id != id));
        if (unknown is not null)
        {
            throw new DomainException(ErrorCodes.UnknownTier, $"Tier '{unknown.Name}' names an id that is not a tier.");
        }

        // The new scheme's tiers, new ones under a provisional id.
        var proposed = request.Tiers.Zip(definitions, (r, d) => Tier.Create(d, now) is var t && r.Id is { } id ? (Id: id, Tier: t) : (Id: t.Id, Tier: t))
            .OrderBy(x => x.Tier.Rank).ToList();
        var rankAfter = proposed.ToDictionary(x => x.Id, x => x.Tier.Rank);

        var groups = await preview.CountMovesAsync(existing, proposed, settings, asOf, cancellationToken);

        int RankNow(Guid id) => rankAfter.TryGetValue(id, out var r) ? r : int.MaxValue; // a retired tier: anything after is down
        var up = groups.Where(g => g.Now != g.After && rankAfter[g.After] > RankNow(g.Now)).Sum(g => g.Members);
        var down = groups.Where(g => g.Now != g.After && rankAfter[g.After] < RankNow(g.Now)).Sum(g => g.Members);
        var total = groups.Sum(g => g.Members);
        var counts = proposed.Select(x => new TierPreviewCount(
                existing.Any(e => e.Id == x.Id) ? x.Id : null,
                x.Tier.Name,
                x.Tier.Rank,
                false,
                (int)groups.Where(g => g.Now == x.Id).Sum(g => g.Members),
                (int)groups.Where(g => g.After == x.Id).Sum(g => g.Members)))
            .Concat(existing.Where(e => !rankAfter.ContainsKey(e.Id)).Select(e => new TierPreviewCount(
                e.Id, e.Name, null, true, (int)groups.Where(g => g.Now == e.Id).Sum(g => g.Members), 0)))
            .ToList();
        return new TierSchemePreviewResponse(asOf, (int)total, (int)up, (int)down, (int)(total - up - down), counts);
    }
}
