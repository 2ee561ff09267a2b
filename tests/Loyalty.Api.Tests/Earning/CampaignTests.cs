using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Earning;

[Collection(ApiCollection.Name)]
public sealed class CampaignTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_campaign_day_starts_and_ends_at_midnight_UTC(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var day = s.Midnight(-1); // tomorrow: a rule cannot join a campaign that has ended
        var campaign = await s.CreateCampaignAsync(new CampaignRequest("One-day double", day, day.AddDays(1), PartnerIds: [s.PartnerInfo.Id]));
        var rule = await s.CreateRuleAsync(new EarningRuleRequest("Double", EarningRuleKind.Multiplier, Factor: 2m, CampaignId: campaign.Id));
        using var _ = s.Api.Clock.Travel(TimeSpan.FromDays(3)); // purchasedAt cannot be in the future

        var points = new List<long>();
        foreach (var at in new[] { day.AddMilliseconds(-1), day, day.AddDays(1).AddMilliseconds(-1), day.AddDays(1) })
        {
            points.Add((await s.EarnAtAsync(member.MemberNumber, 10m, at)).PointsEarned);
        }

        Assert.Equal([10L, 20L, 20L, 10L], points);
        var inside = await s.EarnAtAsync(member.MemberNumber, 10m, day.AddHours(12));
        Assert.Equal((rule.Id, campaign.Id, "Double ×2 (One-day double)"), (inside.Breakdown[1].RuleId!.Value, inside.Breakdown[1].CampaignId!.Value, inside.Breakdown[1].Description));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Double_points_on_weekends_at_a_partner_for_Gold_members_only(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var tiers = await s.Admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers");
        var gold = tiers.Single(t => t.Name == "Gold");
        var bronzeMember = await s.EnrolAsync();
        var goldMember = await s.EnrolAsync();
        await using (var db = s.Api.CreateDbContext())
        {
            await db.Members.Where(m => m.MemberNumber == goldMember.MemberNumber).ExecuteUpdateAsync(u => u.SetProperty(m => m.TierId, gold.Id));
        }

        var campaign = await s.CreateCampaignAsync(new CampaignRequest("Gold weekends", s.Midnight(30), Weekdays: [DayOfWeek.Saturday, DayOfWeek.Sunday], TierIds: [gold.Id], PartnerIds: [s.PartnerInfo.Id]));
        await s.CreateRuleAsync(new EarningRuleRequest("Weekend double", EarningRuleKind.Multiplier, Factor: 2m, CampaignId: campaign.Id));
        // A whole weekend at least a week back: "the last Saturday" would put Sunday 10:00 in the future on a Sunday morning.
        var saturday = Enumerable.Range(8, 7).Select(s.Midnight).First(d => d.DayOfWeek == DayOfWeek.Saturday).AddHours(10);

        Assert.Equal(250, (await s.EarnAtAsync(goldMember.MemberNumber, 100m, saturday)).PointsEarned); // base 100 + Gold 50 + campaign 100
        Assert.Equal(250, (await s.EarnAtAsync(goldMember.MemberNumber, 100m, saturday.AddDays(1))).PointsEarned);
        Assert.Equal(150, (await s.EarnAtAsync(goldMember.MemberNumber, 100m, saturday.AddDays(-1))).PointsEarned); // Friday
        Assert.Equal(100, (await s.EarnAtAsync(bronzeMember.MemberNumber, 100m, saturday)).PointsEarned);
        Assert.Equal<DayOfWeek>([DayOfWeek.Sunday, DayOfWeek.Saturday], campaign.Weekdays!.Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_campaign_is_listed_got_updated_and_ended_and_an_ended_campaign_takes_no_changes(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var request = new CampaignRequest("Happy hours " + Unique.Id(), s.Midnight(10), s.Midnight(-10), "17–20 UTC", FromHour: 0, UntilHour: 24, PartnerIds: [s.PartnerInfo.Id]);
        var campaign = await s.CreateCampaignAsync(request);
        var rule = await s.CreateRuleAsync(new EarningRuleRequest("Happy bonus", EarningRuleKind.FixedBonus, Points: 9, Trigger: BonusTrigger.EveryPurchase, CampaignId: campaign.Id));
        Assert.Equal(19, (await s.EarnAsync(member.MemberNumber, 10m)).PointsEarned);

        var updated = await PutAsync(s, campaign.Id, request with { Name = "Renamed", FromHour = 17, UntilHour = 20 });
        Assert.Equal(("Renamed", 17, 20, Loyalty.Contracts.Admin.CampaignStatus.Running), (updated.Name, updated.FromHour!.Value, updated.UntilHour!.Value, updated.Status));
        var detail = await s.Admin.GetJsonAsync<CampaignDetailResponse>($"/api/v1/admin/campaigns/{campaign.Id}");
        Assert.Equal(rule.Id, Assert.Single(detail.Rules).Id);
        var running = await s.Admin.GetAllAsync<CampaignResponse>("/api/v1/admin/campaigns?status=running");
        Assert.Contains(running, c => c.Id == campaign.Id);

        using var end = await s.Admin.PostAsync($"/api/v1/admin/campaigns/{campaign.Id}/end", null);
        await end.EnsureStatusAsync(HttpStatusCode.OK);
        var ended = (await end.Content.ReadFromJsonAsync<CampaignResponse>(HttpTestExtensions.Json))!;
        Assert.Equal(Loyalty.Contracts.Admin.CampaignStatus.Ended, ended.Status);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(10, (await s.EarnAsync(member.MemberNumber, 10m)).PointsEarned);
        Assert.Contains(await s.Admin.GetAllAsync<CampaignResponse>("/api/v1/admin/campaigns?status=Ended"), c => c.Id == campaign.Id);

        using var endAgain = await s.Admin.PostAsync($"/api/v1/admin/campaigns/{campaign.Id}/end", null);
        await endAgain.AssertProblemAsync(HttpStatusCode.Conflict, "campaign_ended");
        using var updateEnded = await s.Admin.PutAsJsonAsync($"/api/v1/admin/campaigns/{campaign.Id}", request, HttpTestExtensions.Json);
        await updateEnded.AssertProblemAsync(HttpStatusCode.Conflict, "campaign_ended");
        using var attach = await s.Admin.PostAsJsonAsync("/api/v1/admin/earning-rules", new EarningRuleRequest("Late", EarningRuleKind.Multiplier, Factor: 2m, CampaignId: campaign.Id), HttpTestExtensions.Json);
        await attach.AssertProblemAsync(HttpStatusCode.Conflict, "campaign_ended");

        var audit = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>($"/api/v1/admin/audit-log?entityType=campaign&entityId={campaign.Id}");
        Assert.Equal(["campaign.ended", "campaign.updated", "campaign.created"], audit.Items.Select(a => a.Action));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Contradictory_campaigns_are_refused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var from = s.Midnight(0);
        var valid = new CampaignRequest("Valid", from, from.AddDays(7));
        foreach (var (request, field) in new (CampaignRequest, string)[]
        {
            (valid with { Until = from.AddDays(-1) }, "until"),
            (valid with { Until = from }, "until"),
            (valid with { Weekdays = [] }, "weekdays"),
            (valid with { FromHour = 20, UntilHour = 17 }, "untilHour"),
            (valid with { FromHour = 9 }, "fromHour"),
            (valid with { TierIds = [] }, "tierIds"),
            (valid with { Name = " " }, "name"),
        })
        {
            using var response = await s.Admin.PostAsJsonAsync("/api/v1/admin/campaigns", request, HttpTestExtensions.Json);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name == field || e.Name.StartsWith(field + "[", StringComparison.Ordinal)), $"expected an error on {field}: {problem}");
        }

        using var unknownPartner = await s.Admin.PostAsJsonAsync("/api/v1/admin/campaigns", valid with { PartnerIds = [Guid.NewGuid()] }, HttpTestExtensions.Json);
        await unknownPartner.AssertProblemAsync(HttpStatusCode.NotFound, "partner_not_found");
        using var unknown = await s.Admin.GetAsync($"/api/v1/admin/campaigns/{Guid.NewGuid()}");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "campaign_not_found");
        using var badStatus = await s.Admin.GetAsync("/api/v1/admin/campaigns?status=Paused");
        await badStatus.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var campaign = await s.CreateCampaignAsync(valid with { PartnerIds = [s.PartnerInfo.Id] });
        var other = await Scenario.StartAsync(fixture.For(provider));
        using var disjoint = await s.Admin.PostAsJsonAsync("/api/v1/admin/earning-rules", new EarningRuleRequest("Elsewhere", EarningRuleKind.Multiplier, Factor: 2m, CampaignId: campaign.Id, Conditions: other.Mine()), HttpTestExtensions.Json);
        await disjoint.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "contradictory_conditions");
    }

    private static async Task<CampaignResponse> PutAsync(Scenario s, Guid id, CampaignRequest request)
    {
        using var response = await s.Admin.PutAsJsonAsync($"/api/v1/admin/campaigns/{id}", request, HttpTestExtensions.Json);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<CampaignResponse>(HttpTestExtensions.Json))!;
    }
}
