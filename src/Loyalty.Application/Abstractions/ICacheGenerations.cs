namespace Loyalty.Application.Abstractions;

/// <summary>The in-process caches that another instance's change must clear (see <see cref="ICacheGenerations"/>).</summary>
public enum CacheArea
{
    Credentials = 1,
    EarningRules = 2,
    PointsPolicy = 3,
    TierScheme = 4,
    ReferralProgramme = 5,
}

/// <summary>
/// Tells every API instance that a cached area changed. <see cref="Touch"/> stamps the area's row in the unit of work
/// the change is saved in, so the stamp commits with the change (never before it); each instance polls the few rows
/// and clears its own copy when a stamp moves. Use cases still clear this instance's cache themselves, at once.
/// </summary>
public interface ICacheGenerations
{
    /// <summary>Marks <paramref name="area"/> changed; saved by the caller's next SaveChanges.</summary>
    void Touch(CacheArea area);
}
