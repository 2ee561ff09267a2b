using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Domain.Customised.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>Reads what members buy from the stored purchase lines: each member's category habits, and the programme's co-purchases.</summary>
public static class PurchaseHabits
{
    /// <summary>How far back purchases count: a year holds every seasonal habit once.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(365);

    /// <summary>A pair of categories must share at least this many baskets before "also bought" is said of it.</summary>
    public const int MinBasketsTogether = 3;

    /// <summary>
    /// The category habits of each member in <paramref name="memberIds"/> who consented to profiling, from their
    /// purchases since <paramref name="since"/>. A member who did not consent has none: their recommendations rest on
    /// what everyone buys, never on their own history.
    /// </summary>
    public static Task<IReadOnlyDictionary<Guid, IReadOnlyList<CategoryHabit>>> OfMembersAsync(
        ILoyaltyDbContext db, IReadOnlyCollection<Guid> memberIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = memberIds.ToList();
        return HabitsAsync(db, db.PurchaseLines.Where(l => ids.Contains(l.MemberId)), since, cancellationToken);
    }

    /// <summary>
    /// <see cref="OfMembersAsync"/> for the members whose ids lie in (<paramref name="from"/>, <paramref name="to"/>]
    /// in the database's order: a range scan of the (member, time) index instead of a list of ids to look up.
    /// </summary>
    public static Task<IReadOnlyDictionary<Guid, IReadOnlyList<CategoryHabit>>> OfMemberRangeAsync(
        ILoyaltyDbContext db, Guid? from, Guid to, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lines = db.PurchaseLines.Where(l => l.MemberId.CompareTo(to) <= 0);
        if (from is { } after)
        {
            lines = lines.Where(l => l.MemberId.CompareTo(after) > 0);
        }

        return HabitsAsync(db, lines, since, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CategoryHabit>>> HabitsAsync(
        ILoyaltyDbContext db, IQueryable<Domain.Financial.Purchases.PurchaseLine> lines, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var profiled = db.MembersWithProfilingConsent();
        // Aggregated by the database, one row per member and category: a batch reads thousands of rows, not every line.
        var rows = await lines.AsNoTracking()
            .Where(l => profiled.Contains(l.MemberId) && l.PurchasedAt >= since && l.Category != null)
            .GroupBy(l => new { l.MemberId, Category = l.Category! })
            .Select(g => new { g.Key.MemberId, g.Key.Category, Purchases = g.Select(l => l.PurchaseId).Distinct().Count(), First = g.Min(l => l.PurchasedAt), Last = g.Max(l => l.PurchasedAt) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MemberId).ToDictionary(
            m => m.Key,
            m => (IReadOnlyList<CategoryHabit>)[.. m.Select(r => new CategoryHabit(r.Category, r.Purchases, r.First, r.Last)).OrderBy(h => h.Category, StringComparer.Ordinal)]);
    }

    /// <summary>Each member's purchases by category (lines of one category in one basket folded together).</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CategoryPurchase>>> PurchasesOfAsync(
        ILoyaltyDbContext db, IReadOnlyCollection<Guid> memberIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = memberIds.ToList();
        // Amounts are summed here rather than in SQL: SQLite cannot aggregate decimals, and one member's year is small.
        var lines = await db.PurchaseLines.AsNoTracking()
            .Where(l => ids.Contains(l.MemberId) && l.PurchasedAt >= since && l.Category != null)
            .Select(l => new { l.MemberId, l.PurchaseId, Category = l.Category!, l.PurchasedAt, l.Amount })
            .ToListAsync(cancellationToken);
        return lines
            .GroupBy(l => l.MemberId)
            .ToDictionary(
                m => m.Key,
                m => (IReadOnlyList<CategoryPurchase>)m
                    .GroupBy(l => (l.PurchaseId, l.Category))
                    .Select(g => new CategoryPurchase(g.Key.PurchaseId, g.Key.Category, g.First().PurchasedAt, g.Sum(l => l.Amount)))
                    .ToList());
    }

    /// <summary>Learns "members who bought X also bought Y" from every basket since <paramref name="since"/>, counted by the database.</summary>
    public static async Task<CoPurchaseTable> LearnAsync(IRecommendationStore store, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var counts = await store.CountBasketsAsync(since, cancellationToken);
        return CoPurchaseTable.FromCounts(counts.Total, counts.WithCategory, counts.Together, MinBasketsTogether);
    }

    /// <summary>The table the last programme-wide refresh stored (empty before the first).</summary>
    public static async Task<CoPurchaseTable> StoredAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairs = await db.CategoryCoPurchases.AsNoTracking().ToListAsync(cancellationToken);
        var share = await db.CategoryPopularity.AsNoTracking().ToDictionaryAsync(p => p.Category, p => p.Share, cancellationToken);
        return new CoPurchaseTable(pairs.Select(p => p.ToCoPurchase()), share);
    }
}
