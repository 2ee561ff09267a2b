using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;

namespace Loyalty.Api.Tests.Tiers;

/// <summary>
/// The tier scheme is global: tests that change it take the scheme in force first and put it back in a finally
/// (other tests rely on the seeded Bronze/Silver/Gold). Tiers a test adds are retired by that restore.
/// </summary>
internal static class SchemeKit
{
    public const string Url = "/api/v1/admin/tier-scheme";

    public static Task<TierSchemeResponse> GetSchemeAsync(this HttpClient admin) => admin.GetJsonAsync<TierSchemeResponse>(Url);

    public static async Task<TierSchemeResponse> PutSchemeAsync(this HttpClient admin, TierSchemeRequest request)
    {
        using var response = await admin.PutAsJsonAsync(Url, request, HttpTestExtensions.Json);
        await response.EnsureStatusAsync(System.Net.HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TierSchemeResponse>(HttpTestExtensions.Json))!;
    }

    /// <summary>The scheme in force as a request that would submit it again unchanged (tiers by id).</summary>
    public static TierSchemeRequest ToRequest(this TierSchemeResponse scheme, DateTimeOffset? effectiveFrom = null) =>
        new(
            effectiveFrom,
            scheme.Settings.WindowKind,
            scheme.Settings.WindowMonths,
            scheme.Settings.GraceDays,
            scheme.Settings.DowngradeMode,
            scheme.Settings.SpendCurrency,
            [.. scheme.Tiers.Select(ToDefinition)]);

    public static TierDefinitionDto ToDefinition(this TierResponse t) =>
        new(t.Id, t.Name, t.Rank, t.Rank == 0 ? null : t.Qualify, t.Rank == 0 ? null : t.Retain, t.Benefits);

    /// <summary>A tier above every current one (points only), to add to a scheme.</summary>
    public static TierDefinitionDto TopTier(this TierSchemeResponse scheme, decimal discount = 0m)
    {
        var top = scheme.Tiers.MaxBy(t => t.Rank)!;
        var points = scheme.Tiers.Max(t => t.Qualify.PointsEarned ?? 0) + 1_000_000;
        return new TierDefinitionDto(null, "Tier " + Unique.Id(), top.Rank + 1, new TierThresholdsDto(points), null, new TierBenefitsDto(top.EarnMultiplier, Math.Max(discount, top.Benefits.RewardDiscountPercent), 1, ["Test perk"]));
    }

    /// <summary>Puts the scheme back (and cancels whatever is pending, as a new submission replaces it).</summary>
    public static async Task RestoreAsync(this HttpClient admin, TierSchemeResponse original) =>
        await admin.PutSchemeAsync(original.ToRequest());
}
