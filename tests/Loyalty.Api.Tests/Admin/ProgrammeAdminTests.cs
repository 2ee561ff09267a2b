using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Admin;

/// <summary>
/// Tiers and earning rules persist for the whole run, so each test creates tiers at a random unused rank
/// (10–99) with a threshold and multiplier that fit between whatever neighbours exist by then, and earning
/// rules only at 1 point per EUR (other tests rely on that rate).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProgrammeAdminTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tiers_are_listed_by_rank_starting_with_the_seeded_programme(DatabaseProvider provider)
    {
        var tiers = await Client(provider, TestTokens.Admin()).GetAllAsync<TierResponse>("/api/v1/admin/tiers");

        Assert.Equal(tiers.Select(t => t.Rank).Order(), tiers.Select(t => t.Rank));
        Assert.Equal(tiers.Count, tiers.Select(t => t.Rank).Distinct().Count());
        Assert.Collection(
            tiers.Take(3),
            t => Assert.Equal(("Bronze", 0, 1.0m, 0L), (t.Name, t.Rank, t.EarnMultiplier, t.QualificationThreshold)),
            t => Assert.Equal(("Silver", 1, 1.25m, 1_000L), (t.Name, t.Rank, t.EarnMultiplier, t.QualificationThreshold)),
            t => Assert.Equal(("Gold", 2, 1.5m, 5_000L), (t.Name, t.Rank, t.EarnMultiplier, t.QualificationThreshold)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_tier_is_created_and_takes_its_place_in_rank_order(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var request = await FreeTierAsync(admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/tiers", request);

        await response.EnsureStatusAsync(HttpStatusCode.Created);
        var tier = (await response.Content.ReadFromJsonAsync<TierResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((request.Name, request.Rank, request.EarnMultiplier, request.QualificationThreshold), (tier.Name, tier.Rank, tier.EarnMultiplier, tier.QualificationThreshold));
        Assert.Equal($"/api/v1/admin/tiers/{tier.Id}", response.Headers.Location?.OriginalString);
        var tiers = await admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers");
        Assert.Equal(tiers.Select(t => t.Rank).Order(), tiers.Select(t => t.Rank));
        var listed = Assert.Single(tiers, t => t.Id == tier.Id);
        Assert.Equal((request.Name, request.EarnMultiplier, request.QualificationThreshold), (listed.Name, listed.EarnMultiplier, listed.QualificationThreshold));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_tier_with_a_taken_rank_is_409_tier_rank_taken(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var request = await FreeTierAsync(admin);
        await admin.PostJsonAsync<TierResponse>("/api/v1/admin/tiers", request);

        using var again = await admin.PostAsJsonAsync("/api/v1/admin/tiers", request with { Name = "Tier " + Unique.Id() });

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "tier_rank_taken");
        var atRank = Assert.Single(await admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers"), t => t.Rank == request.Rank);
        Assert.Equal(request.Name, atRank.Name);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_higher_rank_that_is_easier_to_reach_or_earns_less_is_422_tier_out_of_order(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var valid = await FreeTierAsync(admin);
        var tiers = await admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers");
        var below = tiers.Where(t => t.Rank < valid.Rank).MaxBy(t => t.Rank)!;

        // Same threshold as the tier below: not harder to reach.
        using var easier = await admin.PostAsJsonAsync("/api/v1/admin/tiers", valid with { QualificationThreshold = below.QualificationThreshold });
        await easier.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "tier_out_of_order");

        // Lower than the threshold of Silver (rank 1): out of order whatever lies in between.
        using var farBelow = await admin.PostAsJsonAsync("/api/v1/admin/tiers", valid with { QualificationThreshold = 999 });
        await farBelow.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "tier_out_of_order");

        // Earns less than the tier below.
        using var stingier = await admin.PostAsJsonAsync("/api/v1/admin/tiers", valid with { EarnMultiplier = 1.0m });
        await stingier.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "tier_out_of_order");

        Assert.DoesNotContain(await admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers"), t => t.Name == valid.Name || t.Rank == valid.Rank);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Marketing_staff_may_configure_tiers_and_earning_rules_but_not_partners(DatabaseProvider provider)
    {
        var marketing = Client(provider, TestTokens.Marketing());
        var s = await Scenario.StartAsync(fixture.For(provider)); // the rule only touches this test's partner

        using var tier = await marketing.PostAsJsonAsync("/api/v1/admin/tiers", await FreeTierAsync(marketing));
        await tier.EnsureStatusAsync(HttpStatusCode.Created);
        using var rule = await marketing.PostAsJsonAsync("/api/v1/admin/earning-rules", new EarningRuleRequest("Marketing " + Unique.Id(), EarningRuleKind.Multiplier, Factor: 2m, Conditions: new EarningRuleConditions(PartnerIds: [s.PartnerInfo.Id])), HttpTestExtensions.Json);
        await rule.EnsureStatusAsync(HttpStatusCode.Created);
        using var campaign = await marketing.PostAsJsonAsync("/api/v1/admin/campaigns", new CampaignRequest("Marketing " + Unique.Id(), s.Api.Clock.GetUtcNow().AddDays(-1), PartnerIds: [s.PartnerInfo.Id]));
        await campaign.EnsureStatusAsync(HttpStatusCode.Created);

        using var listPartners = await marketing.GetAsync("/api/v1/admin/partners");
        await listPartners.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var createPartner = await marketing.PostAsJsonAsync("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), null));
        await createPartner.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var members = await marketing.GetAsync("/api/v1/admin/members");
        await members.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_earning_rule_with_an_invalid_currency_is_400_and_changes_nothing(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var before = await admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules");

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/earning-rules", new EarningRuleRequest("Base " + Unique.Id(), EarningRuleKind.BaseRate, "euro", 1m), HttpTestExtensions.Json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("currency", out _), problem.ToString());
        Assert.Equal(before.Count, (await admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules")).Count);
    }

    private HttpClient Client(DatabaseProvider provider, string token) => fixture.For(provider).CreateClient().WithBearer(token);

    /// <summary>A valid new tier: a random unused rank in 10–99, threshold and multiplier rising with rank and fitting between its neighbours.</summary>
    private static async Task<CreateTierRequest> FreeTierAsync(HttpClient client)
    {
        var tiers = await client.GetAllAsync<TierResponse>("/api/v1/admin/tiers");
        var used = tiers.Select(t => t.Rank).ToHashSet();
        foreach (var rank in Enumerable.Range(10, 90).Where(r => !used.Contains(r)).OrderBy(_ => Random.Shared.Next()))
        {
            var below = tiers.Where(t => t.Rank < rank).MaxBy(t => t.Rank)!; // Gold (rank 2) at least
            var above = tiers.Where(t => t.Rank > rank).MinBy(t => t.Rank);
            var ceiling = above?.QualificationThreshold ?? long.MaxValue;
            var threshold = rank * 100_000L;
            if (threshold <= below.QualificationThreshold || threshold >= ceiling)
            {
                if (ceiling - below.QualificationThreshold < 2)
                {
                    continue;
                }

                threshold = below.QualificationThreshold + ((ceiling - below.QualificationThreshold) / 2);
            }

            var multiplier = Math.Round(1.5m + (rank / 100m), 2);
            if (multiplier < below.EarnMultiplier || multiplier > (above?.EarnMultiplier ?? 10m))
            {
                multiplier = below.EarnMultiplier;
            }

            return new CreateTierRequest("Tier " + Unique.Id(), rank, multiplier, threshold);
        }

        throw new InvalidOperationException("No free tier rank between 10 and 99 is left.");
    }
}
