using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Tiers;

/// <summary>The scheme preview's grouped aggregate in each provider's SQL (as <see cref="PreviewTierSchemeHandler"/> describes it).</summary>
public sealed class SqlTierSchemePreview(ILoyaltyDbContext db) : ITierSchemePreview
{
    public Task<List<TierPreviewGroup>> CountMovesAsync(
        IReadOnlyList<Tier> existing, IReadOnlyList<(Guid Id, Tier Tier)> proposed, TierProgrammeSettings settings, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(settings);
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
                    {TierActivitySql.Columns(sql, p.Add(settings.SpendCurrency), null)}
                    FROM "Members" m
                    LEFT JOIN "Purchases" p ON p."MemberId" = m."Id" AND p."PurchasedAt" >= {start} AND p."PurchasedAt" <= {p.Add(asOf)}
                    WHERE m."Status" <> {p.Add(nameof(MemberStatus.Closed))}
                    GROUP BY m."Id", m."TierId"
                ) a
            ) x
            GROUP BY x."TierId", x."After"
            """;
        return sql.Query<TierPreviewGroup>(db, text, p).ToListAsync(cancellationToken);
    }

    /// <summary>The tier after, by the member's tier now (aliased a, with the activity columns).</summary>
    private static string After(
        SetSql.Parameters p, IReadOnlyList<Tier> existing, IReadOnlyList<(Guid Id, Tier Tier)> proposed, TierProgrammeSettings settings, Guid entry, Dictionary<Guid, int> rankAfter)
    {
        // The highest of the given tiers whose qualification the activity meets, else the fallback.
        string Highest(IEnumerable<(Guid Id, Tier Tier)> tiers, string fallback)
        {
            var steps = tiers.Where(t => !t.Tier.IsEntry).OrderByDescending(t => t.Tier.Rank)
                .Select(t => $"WHEN {TierActivitySql.Meets(p, t.Tier.Qualify, "a")} THEN {p.Add(t.Id)}").ToList();
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
                    stay = $"CASE WHEN {TierActivitySql.Meets(p, self.Tier.Retain, "a")} THEN {stay} ELSE {landing} END";
                }

                to = Highest(proposed.Where(x => x.Tier.Rank > rank), stay);
            }

            cases.Add($"""WHEN a."TierId" = {p.Add(tier.Id)} THEN {to}""");
        }

        return $"CASE {string.Join(" ", cases)} END";
    }
}
