using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Earning;

[Collection(ApiCollection.Name)]
public sealed class EarningRulesTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_update_is_a_new_version_and_a_past_purchase_is_still_explained_by_the_version_it_earned_under(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var subject = "versions-" + Unique.Id();
        var me = s.MemberClient(subject);
        var profile = await me.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Vera", "Version", $"v{Unique.Id()}@example.com", null, null));
        var request = new EarningRuleRequest("Double at " + s.PartnerInfo.Name, EarningRuleKind.Multiplier, Factor: 2m, Conditions: s.Mine());

        var v1 = await s.CreateRuleAsync(request);
        var first = await s.EarnAsync(profile.MemberNumber, 10m);
        var v2 = await s.UpdateRuleAsync(v1.Id, request with { Factor = 3m });
        var second = await s.EarnAsync(profile.MemberNumber, 10m); // no wait: this instance dropped its cached rules
        using var deactivate = await s.Admin.PostAsync($"/api/v1/admin/earning-rules/{v1.Id}/deactivate", null);
        await deactivate.EnsureStatusAsync(HttpStatusCode.OK);
        var third = await s.EarnAsync(profile.MemberNumber, 10m);

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal(v1.Id, v2.Id);
        Assert.Equal((20L, 30L, 10L), (first.PointsEarned, second.PointsEarned, third.PointsEarned));
        Assert.Equal((v1.Id, 1), (first.Breakdown[1].RuleId!.Value, first.Breakdown[1].RuleVersion!.Value));
        Assert.Equal((v1.Id, 2), (second.Breakdown[1].RuleId!.Value, second.Breakdown[1].RuleVersion!.Value));
        Assert.Equal(EarnLineKind.Base, Assert.Single(third.Breakdown).Kind);

        var detail = await s.Admin.GetJsonAsync<EarningRuleDetailResponse>($"/api/v1/admin/earning-rules/{v1.Id}");
        Assert.Equal([3, 2, 1], detail.Versions.Select(v => v.Version));
        Assert.Equal((3, false), (detail.Rule.Version, detail.Rule.IsActive));
        Assert.All(detail.Versions.Skip(1), v => Assert.NotNull(v.SupersededAt));
        Assert.Equal([2m, 3m, 3m], detail.Versions.Select(v => v.Factor!.Value).Reverse());

        var past = await s.Admin.GetJsonAsync<AdminPurchaseResponse>($"/api/v1/admin/purchases/{first.PurchaseId}");
        Assert.Equal((20L, profile.MemberNumber), (past.PointsEarned, past.MemberNumber));
        Assert.Collection(
            past.Breakdown,
            l => Assert.Equal((EarnLineKind.Base, 10L), (l.Kind, l.Points)),
            l => Assert.Equal((EarnLineKind.Multiplier, 10L, v1.Id, 1), (l.Kind, l.Points, l.RuleId!.Value, l.RuleVersion!.Value)));

        var history = await me.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history");
        Assert.Equal([0, 2, 1], history.Items.Select(e => e.Breakdown!.Count(l => l.Kind == EarnLineKind.Multiplier) == 0 ? 0 : e.Breakdown!.Single(l => l.Kind == EarnLineKind.Multiplier).RuleVersion!.Value));
        Assert.Equal([10L, 30L, 20L], history.Items.Select(e => e.Breakdown!.Sum(l => l.Points)));

        var audit = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>($"/api/v1/admin/audit-log?entityType=earning_rule&entityId={v1.Id}");
        Assert.Equal(["earning_rule.deactivated", "earning_rule.updated", "earning_rule.created"], audit.Items.Select(a => a.Action));
        Assert.Equal(60, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_points_earned_event_carries_the_breakdown_with_rule_versions(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var rule = await s.CreateRuleAsync(new EarningRuleRequest("Event double", EarningRuleKind.Multiplier, Factor: 2m, Conditions: s.Mine()));

        var purchase = await s.EarnAsync(member.MemberNumber, 21m);

        await using var db = s.Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == member.MemberNumber).Select(m => m.Id).SingleAsync();
        var message = await db.OutboxMessages.SingleAsync(m => m.MemberId == memberId && m.Type == "points.earned");
        using var payload = System.Text.Json.JsonDocument.Parse(message.Payload);
        var root = payload.RootElement;
        Assert.Equal((purchase.PurchaseId, 42L), (root.GetProperty("purchaseId").GetGuid(), root.GetProperty("points").GetInt64()));
        var lines = root.GetProperty("breakdown").EnumerateArray().ToList();
        Assert.Equal(["base", "multiplier"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal((rule.Id, 1, 21L), (lines[1].GetProperty("ruleId").GetGuid(), lines[1].GetProperty("ruleVersion").GetInt32(), lines[1].GetProperty("points").GetInt64()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rules_are_listed_current_version_only_active_first_with_filters(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var bonus = await s.CreateRuleAsync(new EarningRuleRequest("Visit bonus " + Unique.Id(), EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.EveryPurchase, Conditions: s.Mine()));
        var multiplier = await s.CreateRuleAsync(new EarningRuleRequest("Triple " + Unique.Id(), EarningRuleKind.Multiplier, Factor: 3m, Conditions: s.Mine()));
        await s.UpdateRuleAsync(multiplier.Id, new EarningRuleRequest("Triple, renamed", EarningRuleKind.Multiplier, Factor: 3m, Conditions: s.Mine()));
        using var off = await s.Admin.PostAsync($"/api/v1/admin/earning-rules/{bonus.Id}/deactivate", null);
        await off.EnsureStatusAsync(HttpStatusCode.OK);

        var all = await s.Admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules");
        var inactive = await s.Admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules?active=false&kind=fixedbonus");
        var multipliers = await s.Admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules?kind=Multiplier&active=true");

        Assert.Equal(all.Count, all.Select(r => r.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(r => r.IsActive).Select(r => r.Id), all.Select(r => r.Id));
        Assert.Equal("Triple, renamed", Assert.Single(all, r => r.Id == multiplier.Id).Name);
        Assert.Contains(inactive, r => r.Id == bonus.Id);
        Assert.All(inactive, r => Assert.Equal((Loyalty.Contracts.Admin.EarningRuleKind.FixedBonus, false), (r.Kind, r.IsActive)));
        Assert.Contains(multipliers, r => r.Id == multiplier.Id);
        Assert.All(multipliers, r => Assert.Equal(Loyalty.Contracts.Admin.EarningRuleKind.Multiplier, r.Kind));
        Assert.Contains(all, r => r.Name == "Base rate" && r.Kind == Loyalty.Contracts.Admin.EarningRuleKind.BaseRate && r.IsActive); // the demo seed
        using var badKind = await s.Admin.GetAsync("/api/v1/admin/earning-rules?kind=Bogus");
        await badKind.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Contradictory_rules_are_refused_with_a_field_error_and_change_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var before = (await s.Admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules")).Count;
        var cases = new (EarningRuleRequest Request, string Field)[]
        {
            (new("Negative", EarningRuleKind.Multiplier, Factor: -2m), "factor"),
            (new("No extra", EarningRuleKind.Multiplier, Factor: 1m), "factor"),
            (new("Zero cap", EarningRuleKind.Multiplier, Factor: 2m, DailyCap: 0), "dailyCap"),
            (new("Day over month", EarningRuleKind.Multiplier, Factor: 2m, DailyCap: 100, MonthlyCap: 50), "dailyCap"),
            (new("No trigger", EarningRuleKind.FixedBonus, Points: 5), "trigger"),
            (new("Visit without N", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.NthVisit), "visitNumber"),
            (new("Spend without currency", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.EveryPurchase, Conditions: new EarningRuleConditions(MinimumSpend: 10m)), "currency"),
            (new("Empty tiers", EarningRuleKind.Multiplier, Factor: 2m, Conditions: new EarningRuleConditions(TierIds: [])), "conditions.tierIds"),
            (new("Base without rate", EarningRuleKind.BaseRate, "EUR"), "pointsPerCurrencyUnit"),
            (new("Enrolment with a cap", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.Enrolment, MonthlyCap: 10), "dailyCap"),
            (new("", EarningRuleKind.Multiplier, Factor: 2m), "name"),
        };

        foreach (var (request, field) in cases)
        {
            using var response = await s.Admin.PostAsJsonAsync("/api/v1/admin/earning-rules", request, HttpTestExtensions.Json);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{request.Name}: expected an error on {field}: {problem}");
        }

        Assert.Equal(before, (await s.Admin.GetAllAsync<EarningRuleResponse>("/api/v1/admin/earning-rules")).Count);
    }

    [Fact]
    public async Task Enum_values_are_the_documented_camelCase_names_and_anything_else_is_a_field_error_naming_them()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        var cases = new (string Body, string Field, string Allowed)[]
        {
            ("""{"name":"Cashback","kind":"cashback"}""", "kind", "baseRate, multiplier, fixedBonus"),
            ("""{"name":"Numbered","kind":2,"points":5,"trigger":"everyPurchase"}""", "kind", "baseRate, multiplier, fixedBonus"),
            ("""{"name":"Full moon","kind":"fixedBonus","points":5,"trigger":"fullMoon"}""", "trigger", "everyPurchase, firstPurchase"),
            ("""{"name":"Night","kind":"fixedBonus","points":5,"trigger":"birthdayMonth","grantOn":"night"}""", "grantOn", "purchase, day"),
            ("""{"name":"Weekdays","from":"2030-01-01T00:00:00Z","weekdays":["monday","someday"]}""", "weekdays[1]", "sunday, monday"),
        };
        foreach (var (body, field, allowed) in cases)
        {
            var url = body.Contains("weekdays", StringComparison.Ordinal) ? "/api/v1/admin/campaigns" : "/api/v1/admin/earning-rules";
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await s.Admin.PostAsync(url, content);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.Contains(allowed, message, StringComparison.Ordinal);
        }

        using var documented = new StringContent($$$"""{"name":"Documented {{{Unique.Id()}}}","kind":"fixedBonus","points":5,"trigger":"nthVisit","visitNumber":2,"grantOn":"purchase","conditions":{"partnerIds":["{{{s.PartnerInfo.Id}}}"]}}""", System.Text.Encoding.UTF8, "application/json");
        using var created = await s.Admin.PostAsync("/api/v1/admin/earning-rules", documented);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("fixedBonus", "nthVisit", "purchase"), (rule.GetProperty("kind").GetString(), rule.GetProperty("trigger").GetString(), rule.GetProperty("grantOn").GetString()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_ids_are_404_and_conditions_that_can_never_hold_together_are_422(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(fixture.For(provider));
        var rule = new EarningRuleRequest("Refs " + Unique.Id(), EarningRuleKind.Multiplier, Factor: 2m);

        foreach (var (request, code) in new (EarningRuleRequest, string)[]
        {
            (rule with { Conditions = new EarningRuleConditions(TierIds: [Guid.NewGuid()]) }, "tier_not_found"),
            (rule with { Conditions = new EarningRuleConditions(PartnerIds: [Guid.NewGuid()]) }, "partner_not_found"),
            (rule with { Conditions = new EarningRuleConditions(StoreIds: [Guid.NewGuid()]) }, "store_not_found"),
            (rule with { CampaignId = Guid.NewGuid() }, "campaign_not_found"),
        })
        {
            using var response = await s.Admin.PostAsJsonAsync("/api/v1/admin/earning-rules", request, HttpTestExtensions.Json);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, code);
        }

        using var contradictory = await s.Admin.PostAsJsonAsync("/api/v1/admin/earning-rules", rule with { Conditions = s.Mine(new EarningRuleConditions(StoreIds: [other.Store.Id])) }, HttpTestExtensions.Json);
        await contradictory.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "contradictory_conditions");

        using var unknownRule = await s.Admin.PutAsJsonAsync($"/api/v1/admin/earning-rules/{Guid.NewGuid()}", rule, HttpTestExtensions.Json);
        await unknownRule.AssertProblemAsync(HttpStatusCode.NotFound, "earning_rule_not_found");

        var created = await s.CreateRuleAsync(rule with { Conditions = s.Mine() });
        using var otherKind = await s.Admin.PutAsJsonAsync($"/api/v1/admin/earning-rules/{created.Id}", new EarningRuleRequest("Now a bonus", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.EveryPurchase), HttpTestExtensions.Json);
        await otherKind.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "earning_rule_kind_fixed");
        using var off = await s.Admin.PostAsync($"/api/v1/admin/earning-rules/{created.Id}/deactivate", null);
        await off.EnsureStatusAsync(HttpStatusCode.OK);
        using var offAgain = await s.Admin.PostAsync($"/api/v1/admin/earning-rules/{created.Id}/deactivate", null);
        await offAgain.AssertProblemAsync(HttpStatusCode.Conflict, "earning_rule_inactive");
        using var updateInactive = await s.Admin.PutAsJsonAsync($"/api/v1/admin/earning-rules/{created.Id}", rule, HttpTestExtensions.Json);
        await updateInactive.AssertProblemAsync(HttpStatusCode.Conflict, "earning_rule_inactive");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_updates_of_one_rule_never_fork_its_versions(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var rule = await s.CreateRuleAsync(new EarningRuleRequest("Race " + Unique.Id(), EarningRuleKind.Multiplier, Factor: 2m, Conditions: s.Mine()));

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await s.Admin.PutAsJsonAsync($"/api/v1/admin/earning-rules/{rule.Id}", new EarningRuleRequest("Race " + i, EarningRuleKind.Multiplier, Factor: 2m + i, Conditions: s.Mine()), HttpTestExtensions.Json);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.All(results, r => Assert.True(r.StatusCode == HttpStatusCode.OK || (r.StatusCode == HttpStatusCode.Conflict && r.Body.Contains("earning_rule_changed", StringComparison.Ordinal)), r.Body));
        var detail = await s.Admin.GetJsonAsync<EarningRuleDetailResponse>($"/api/v1/admin/earning-rules/{rule.Id}");
        Assert.Equal(results.Count(r => r.StatusCode == HttpStatusCode.OK) + 1, detail.Versions.Count);
        Assert.Equal(Enumerable.Range(1, detail.Versions.Count).Reverse(), detail.Versions.Select(v => v.Version));
        Assert.Single(detail.Versions, v => v.SupersededAt is null);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Basket_lines_earn_by_category_and_must_add_up_to_the_amount(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var coffee = await s.CreateRuleAsync(new EarningRuleRequest("Coffee rate", EarningRuleKind.BaseRate, "EUR", 3m, Conditions: s.Mine(new EarningRuleConditions(Categories: ["coffee"]))));
        var cakeBonus = await s.CreateRuleAsync(new EarningRuleRequest("Cake bonus", EarningRuleKind.FixedBonus, Points: 7, Trigger: BonusTrigger.EveryPurchase, Conditions: s.Mine(new EarningRuleConditions(Skus: ["CAKE-1"]))));
        PurchaseLineRequest[] lines = [new("ESP-250", "Coffee", 1, 10.50m), new("CAKE-1", "pastry", 2, 4.75m)];

        var purchase = await s.EarnAtAsync(member.MemberNumber, 15.25m, s.Now(), lines);
        var plain = await s.EarnAsync(member.MemberNumber, 15.25m); // no lines: one line for the whole amount

        Assert.Collection(
            purchase.Breakdown,
            l => Assert.Equal((coffee.Id, 31L), (l.RuleId!.Value, l.Points)), // floor(10.50 × 3)
            l => Assert.Equal((EarnLineKind.Base, 4L), (l.Kind, l.Points)), // the seeded 1 per EUR on the pastry line
            l => Assert.Equal((cakeBonus.Id, 7L), (l.RuleId!.Value, l.Points)));
        Assert.Equal(42, purchase.PointsEarned);
        Assert.Equal(15, plain.PointsEarned);

        using var mismatch = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 15.26m) with { Lines = lines }, Guid.NewGuid().ToString());
        var problem = await mismatch.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines", out _), problem.ToString());
        using var badLine = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 1m) with { Lines = [new("X", null, 0, 1m)] }, Guid.NewGuid().ToString());
        problem = await badLine.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[0].quantity", out _), problem.ToString());
        Assert.Equal(57, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_daily_cap_limits_what_a_rule_gives_a_member_per_UTC_day(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var bonus = await s.CreateRuleAsync(new EarningRuleRequest("Capped bonus", EarningRuleKind.FixedBonus, Points: 30, Trigger: BonusTrigger.EveryPurchase, Conditions: s.Mine(), DailyCap: 50, MonthlyCap: 1000));
        var yesterday = s.Midnight(1).AddHours(23).AddMinutes(59);

        var given = new List<long>();
        foreach (var at in new[] { yesterday.AddHours(-1), yesterday, yesterday.AddSeconds(30), s.Midnight(0) })
        {
            var purchase = await s.EarnAtAsync(member.MemberNumber, 1m, at);
            given.Add(purchase.Breakdown.Where(l => l.RuleId == bonus.Id).Sum(l => l.Points));
        }

        Assert.Equal([30L, 20L, 0L, 30L], given);
        Assert.Equal(4 + 80, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task First_purchase_and_third_visit_bonuses_fire_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.CreateRuleAsync(new EarningRuleRequest("First purchase", EarningRuleKind.FixedBonus, Points: 100, Trigger: BonusTrigger.FirstPurchase, Conditions: s.Mine()));
        await s.CreateRuleAsync(new EarningRuleRequest("Third visit", EarningRuleKind.FixedBonus, Points: 50, Trigger: BonusTrigger.NthVisit, VisitNumber: 3, Conditions: s.Mine()));

        var points = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            points.Add((await s.EarnAsync(member.MemberNumber, 10m)).PointsEarned);
        }

        Assert.Equal([110L, 10L, 60L, 10L], points);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Birthday_month_and_long_tenure_perks_use_the_members_facts(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Now();
        var birthday = await s.Partner.PostJsonAsync<EnrolledMemberResponse>("/api/v1/partner/members", s.NewMember() with { BirthDate = new DateOnly(1990, now.Month, 1) }, idempotent: true);
        var veteran = await s.EnrolAsync();
        await using (var db = s.Api.CreateDbContext())
        {
            await db.Members.Where(m => m.MemberNumber == veteran.MemberNumber).ExecuteUpdateAsync(u => u.SetProperty(m => m.EnrolledAt, now.AddYears(-3).AddDays(-1)));
        }

        var gift = await s.CreateRuleAsync(new EarningRuleRequest("Birthday gift", EarningRuleKind.FixedBonus, Points: 200, Trigger: BonusTrigger.BirthdayMonth, Conditions: s.Mine(), MonthlyCap: 200));
        var perk = await s.CreateRuleAsync(new EarningRuleRequest("Three years with us", EarningRuleKind.Multiplier, Factor: 1.1m, Conditions: s.Mine(new EarningRuleConditions(MinimumMembershipMonths: 36))));

        var first = await s.EarnAsync(birthday.MemberNumber, 100m);
        var again = await s.EarnAsync(birthday.MemberNumber, 100m); // the monthly cap makes it once a birthday
        var tenured = await s.EarnAsync(veteran.MemberNumber, 100m);

        Assert.Equal((300L, 100L), (first.PointsEarned, again.PointsEarned));
        Assert.Equal(gift.Id, first.Breakdown[1].RuleId);
        Assert.Equal(110, tenured.PointsEarned);
        Assert.Equal((perk.Id, "Three years with us ×1.1"), (tenured.Breakdown[1].RuleId!.Value, tenured.Breakdown[1].Description));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_enrolment_bonus_is_credited_at_the_till_with_its_breakdown(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var welcome = await s.CreateRuleAsync(new EarningRuleRequest("Welcome to " + s.PartnerInfo.Name, EarningRuleKind.FixedBonus, Points: 250, Trigger: BonusTrigger.Enrolment, Conditions: s.Mine()));

        var member = await s.EnrolAsync();

        var lookup = await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{member.MemberNumber}");
        Assert.Equal(250, lookup.AvailablePoints);
        Assert.Equal(250, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        await using var db = s.Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == member.MemberNumber).Select(m => m.Id).SingleAsync();
        var line = await db.EarnBreakdownLines.SingleAsync(l => l.MemberId == memberId);
        Assert.Equal((welcome.Id, 1, 250L, "bonus"), (line.RuleId!.Value, line.RuleVersion!.Value, line.Points, line.Kind));
        Assert.NotNull(line.LedgerEntryId);
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.MemberId == memberId && m.Type == "points.earned" && m.Payload.Contains("enrolment")));

        // Another partner's enrolments and app enrolments get nothing from this rule.
        var other = await Scenario.StartAsync(fixture.For(provider));
        var elsewhere = await other.EnrolAsync();
        Assert.Equal(0, await other.AssertBalanceEqualsLedgerAsync(elsewhere.MemberNumber));
    }
}
