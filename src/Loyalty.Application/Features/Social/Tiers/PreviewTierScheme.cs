using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
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
/// One grouped aggregate over all members who are not closed: per member, the activity in the new scheme's window
/// ending at asOf and the tier they would be in after (a CASE built from the scheme: a higher tier they qualify for;
/// a lower one when they miss the new retention thresholds — as if reviewed at asOf — or their tier is retired),
/// counted by (tier now, tier after). Ranks tell up from down.
/// </summary>
public sealed class PreviewTierSchemeHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<PreviewTierSchemeQuery, TierSchemePreviewResponse>
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
        var entry = proposed[0].Id;

        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var start = settings.WindowKind switch
        {
            QualificationWindowKind.CalendarYear => p.Add(new DateTimeOffset(asOf.Year, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            QualificationWindowKind.SinceLastChange => "m.\"TierSince\"",
            _ => p.Add(asOf.AddMonths(-settings.WindowMonths)),
        };
        var after = After(p, existing, proposed, settings, entry, rankAfter);
        var text = $"""
            SELECT x."TierId" AS "Now", x."After" AS "After", COUNT(*) AS "Members" FROM (
                SELECT a."TierId", {after} AS "After" FROM (
                    SELECT m."Id", m."TierId",
                    {TierActivity.Columns(sql, p.Add(settings.SpendCurrency), null)}
                    FROM "Members" m
                    LEFT JOIN "Purchases" p ON p."MemberId" = m."Id" AND p."PurchasedAt" >= {start} AND p."PurchasedAt" <= {p.Add(asOf)}
                    WHERE m."Status" <> {p.Add(nameof(MemberStatus.Closed))}
                    GROUP BY m."Id", m."TierId"
                ) a
            ) x
            GROUP BY x."TierId", x."After"
            """;
        var groups = await sql.Query<Group>(db, text, p).ToListAsync(cancellationToken);

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

    /// <summary>The tier after, by the member's tier now (aliased a, with the activity columns).</summary>
    private static string After(
        SetSql.Parameters p, List<Tier> existing, List<(Guid Id, Tier Tier)> proposed, TierProgrammeSettings settings, Guid entry, Dictionary<Guid, int> rankAfter)
    {
        // The highest of the given tiers whose qualification the activity meets, else the fallback.
        string Highest(IEnumerable<(Guid Id, Tier Tier)> tiers, string fallback)
        {
            var steps = tiers.Where(t => !t.Tier.IsEntry).OrderByDescending(t => t.Tier.Rank)
                .Select(t => $"WHEN {TierActivity.Meets(p, t.Tier.Qualify, "a")} THEN {p.Add(t.Id)}").ToList();
            return steps.Count == 0 ? fallback : $"CASE {string.Join(" ", steps)} ELSE {fallback} END";
        }

        var cases = new List<string>();
        foreach (var tier in existing)
        {
            string to;
            if (!rankAfter.TryGetValue(tier.Id, out var rank))
            {
                to = Highest(proposed, p.Add(entry));
            }
            else
            {
                var self = proposed.Single(x => x.Id == tier.Id);
                var below = proposed.Where(x => x.Tier.Rank < rank).OrderByDescending(x => x.Tier.Rank).ToList();
                var stay = p.Add(tier.Id);
                if (below.Count > 0)
                {
                    var landing = settings.DowngradeMode == DowngradeMode.OneTier ? p.Add(below[0].Id) : Highest(below, p.Add(entry));
                    stay = $"CASE WHEN {TierActivity.Meets(p, self.Tier.Retain, "a")} THEN {stay} ELSE {landing} END";
                }

                to = Highest(proposed.Where(x => x.Tier.Rank > rank), stay);
            }

            cases.Add($"""WHEN a."TierId" = {p.Add(tier.Id)} THEN {to}""");
        }

        return $"CASE {string.Join(" ", cases)} END";
    }

    private sealed class Group
    {
        public Guid Now { get; set; }

        public Guid After { get; set; }

        public long Members { get; set; }
    }
}
