using Loyalty.Application.Abstractions;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Scaling;

/// <summary>Per request: stamps the areas its use case changed on the request's own context (same transaction).</summary>
public sealed class CacheGenerations(LoyaltyDbContext db) : ICacheGenerations
{
    private readonly Dictionary<CacheArea, CacheGeneration> _touched = [];

    public void Touch(CacheArea area)
    {
        if (!_touched.TryGetValue(area, out var row))
        {
            row = new CacheGeneration { Area = area };
            db.CacheGenerations.Attach(row);
            _touched[area] = row;
        }

        // Random, not incremented: an UPDATE of a known value, batched with the change, no read first.
        long stamp;
        do
        {
            stamp = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while (stamp == row.Stamp);
        row.Stamp = stamp;
        db.Entry(row).Property(g => g.Stamp).IsModified = true;
    }
}
