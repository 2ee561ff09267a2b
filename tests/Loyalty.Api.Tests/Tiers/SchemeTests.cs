using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Rewards.RewardKit;
using DowngradeMode = Loyalty.Contracts.Common.DowngradeMode;
using QualificationWindowKind = Loyalty.Contracts.Common.QualificationWindowKind;

namespace Loyalty.Api.Tests.Tiers;

[Collection(ApiCollection.Name)]
public sealed class SchemeTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_seeded_scheme_shows_settings_thresholds_by_every_metric_and_benefits(DatabaseProvider provider)
    {
        var marketing = Client(provider, TestTokens.Marketing());

        var scheme = await marketing.GetSchemeAsync();

        Assert.Equal(new TierSchemeSettingsDto(QualificationWindowKind.RollingMonths, 12, 30, DowngradeMode.OneTier, "EUR"), scheme.Settings);
        Assert.Null(scheme.Pending);
        Assert.Equal(scheme.Tiers.Select(t => t.Rank).Order(), scheme.Tiers.Select(t => t.Rank));
        var (bronze, silver, gold) = (scheme.Tiers[0], scheme.Tiers[1], scheme.Tiers[2]);
        Assert.Equal(("Bronze", new TierThresholdsDto(), 1.0m), (bronze.Name, bronze.Qualify, bronze.Benefits.EarnMultiplier));
        Assert.Equal(("Silver", new TierThresholdsDto(1_000), new TierThresholdsDto(1_000)), (silver.Name, silver.Qualify, silver.Retain));
        Assert.Equal((1.25m, 5m, (int?)48, "Free delivery"), (silver.Benefits.EarnMultiplier, silver.Benefits.RewardDiscountPercent, silver.Benefits.SupportResponseHours, Assert.Single(silver.Benefits.Perks!)));
        Assert.Equal(("Gold", new TierThresholdsDto(5_000), 1.5m, 10m), (gold.Name, gold.Qualify, gold.Benefits.EarnMultiplier, gold.Benefits.RewardDiscountPercent));
        var listed = await marketing.GetAllAsync<TierResponse>("/api/v1/admin/tiers");
        Assert.Equal(scheme.Tiers.Select(t => (t.Id, t.Qualify, t.Retain, t.Benefits.EarnMultiplier)), listed.Select(t => (t.Id, t.Qualify, t.Retain, t.Benefits.EarnMultiplier)));
        Assert.Equal(1_000L, listed[1].QualificationThreshold); // the older field: the points threshold
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_scheme_effective_now_updates_tiers_by_id_swaps_ranks_adds_tiers_and_keeps_members(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var admin = Client(provider, TestTokens.Marketing("marketer@test"));
        var original = await admin.GetSchemeAsync();
        var silver = original.Tiers.Single(t => t.Name == "Silver");
        var gold = original.Tiers.Single(t => t.Name == "Gold");
        var member = await s.JoinWithPointsAsync(0);
        await s.MoveToTierAsync(member, "Silver");
        try
        {
            // Silver's id takes Gold's place and the other way round: a swap of rank and name under their unique indexes.
            var added = original.TopTier();
            var request = original.ToRequest() with
            {
                WindowKind = QualificationWindowKind.CalendarYear,
                GraceDays = 60,
                DowngradeMode = DowngradeMode.ToQualifiedTier,
                Tiers =
                [
                    .. original.Tiers.Where(t => t.Id != silver.Id && t.Id != gold.Id).Select(t => t.ToDefinition()),
                    gold.ToDefinition() with { Rank = silver.Rank, Name = silver.Name, Qualify = silver.Qualify, Retain = silver.Retain, Benefits = silver.Benefits },
                    silver.ToDefinition() with { Rank = gold.Rank, Name = gold.Name, Qualify = gold.Qualify, Retain = gold.Retain, Benefits = gold.Benefits with { Perks = ["Lounge"] } },
                    added,
                ],
            };

            var applied = await admin.PutSchemeAsync(request);

            Assert.Null(applied.Pending);
            Assert.Equal(new TierSchemeSettingsDto(QualificationWindowKind.CalendarYear, 12, 60, DowngradeMode.ToQualifiedTier, "EUR"), applied.Settings);
            Assert.Equal((silver.Rank, "Silver"), applied.Tiers.Where(t => t.Id == gold.Id).Select(t => (t.Rank, t.Name)).Single());
            Assert.Equal((gold.Rank, "Gold", "Lounge"), applied.Tiers.Where(t => t.Id == silver.Id).Select(t => (t.Rank, t.Name, t.Benefits.Perks!.Single())).Single());
            var newTier = Assert.Single(applied.Tiers, t => t.Name == added.Name);
            Assert.Equal((added.Rank, added.Qualify, (int?)1), (newTier.Rank, newTier.Qualify, newTier.Benefits.SupportResponseHours));
            Assert.Equal(original.Tiers.Count + 1, applied.Tiers.Count);
            Assert.Equal((original.Version ?? 0) + 1, applied.Version);

            // The member stays on their tier row (same id), which is now called Gold.
            var ladder = await member.Client.GetJsonAsync<TierLadderResponse>("/api/v1/me/tiers");
            Assert.Equal(silver.Id, ladder.MyTierId);
            Assert.Equal("Gold", Assert.Single(ladder.Tiers, t => t.IsMine).Name);

            var versions = await admin.GetAllAsync<TierSchemeVersionResponse>(SchemeKit.Url + "/versions");
            var version = versions[0];
            Assert.Equal((applied.Version!.Value, TierSchemeVersionStatus.Applied, "marketer@test"), (version.Version, version.Status, version.CreatedBy));
            Assert.Equal(request.Tiers.Select(t => (t.Id, t.Name, t.Rank)), version.Definition.Tiers.Select(t => (t.Id, t.Name, t.Rank)));
            await using var db = api.CreateDbContext();
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "tier_scheme.applied" && a.EntityId == version.Id.ToString() && a.Actor == "marketer@test"));
            Assert.Equal(Loyalty.Domain.Social.Tiers.QualificationWindowKind.CalendarYear, (await db.TierProgrammes.SingleAsync()).WindowKind);
        }
        finally
        {
            await admin.RestoreAsync(original);
        }

        var restored = await admin.GetSchemeAsync();
        Assert.Equal(original.Tiers.Select(t => (t.Id, t.Name, t.Rank, t.Qualify, t.Benefits.EarnMultiplier)), restored.Tiers.Select(t => (t.Id, t.Name, t.Rank, t.Qualify, t.Benefits.EarnMultiplier)));
        Assert.Equal(original.Settings, restored.Settings);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tier_left_out_is_retired_and_its_members_move_to_the_highest_tier_below_with_history_and_events(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        var below = original.Tiers.MaxBy(t => t.Rank)!;
        var top = original.TopTier();
        TierResponse retiring;
        try
        {
            var withTop = await admin.PutSchemeAsync(original.ToRequest() with { Tiers = [.. original.ToRequest().Tiers, top] });
            retiring = withTop.Tiers.Single(t => t.Name == top.Name);
            var (a, b, c) = (await s.JoinWithPointsAsync(0), await s.JoinWithPointsAsync(0), await s.JoinWithPointsAsync(0));
            await s.MoveToTierAsync(a, top.Name);
            await s.MoveToTierAsync(b, top.Name);
            await s.MoveToTierAsync(c, "Silver");

            var before = api.Clock.GetUtcNow();
            var after = await admin.PutSchemeAsync(original.ToRequest());

            Assert.DoesNotContain(after.Tiers, t => t.Id == retiring.Id);
            Assert.DoesNotContain(await admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers"), t => t.Id == retiring.Id);
            var ladder = await a.Client.GetJsonAsync<TierLadderResponse>("/api/v1/me/tiers");
            Assert.Equal(below.Id, ladder.MyTierId);
            Assert.DoesNotContain(ladder.Tiers, t => t.Id == retiring.Id);
            Assert.Equal(below.Id, (await b.Client.GetJsonAsync<TierLadderResponse>("/api/v1/me/tiers")).MyTierId);
            Assert.Equal("Silver", Assert.Single((await c.Client.GetJsonAsync<TierLadderResponse>("/api/v1/me/tiers")).Tiers, t => t.IsMine).Name);

            await using var db = api.CreateDbContext();
            Assert.NotNull((await db.Tiers.SingleAsync(t => t.Id == retiring.Id)).RetiredAt);
            var numbers = new[] { a.Number, b.Number };
            var moved = await db.Members.Where(m => numbers.Contains(m.MemberNumber)).ToListAsync();
            Assert.All(moved, m => Assert.Equal((below.Id, true, (DateTimeOffset?)null), (m.TierId, m.TierSince >= before, m.TierGraceUntil)));
            var ids = moved.Select(m => m.Id).ToList();
            var changes = await db.TierChanges.Where(x => ids.Contains(x.MemberId) && x.Reason == TierChangeReason.SchemeChanged).ToListAsync();
            Assert.Equal(2, changes.Count);
            Assert.All(changes, x => Assert.Equal((retiring.Id, below.Id, "admin@test"), (x.FromTierId!.Value, x.ToTierId, x.Actor)));
            var events = await db.OutboxMessages.Where(m => m.Type == EventTypes.TierChanged && ids.Contains(m.MemberId!.Value)).ToListAsync();
            Assert.Equal(2, events.Count);
            Assert.All(events, e => EventContractTests.ReadStrictly(e.Type, e.Payload)); // built in SQL: still the published shape
            var payload = JsonDocument.Parse(events.Single(e => e.MemberId == moved.Single(m => m.MemberNumber == a.Number).Id).Payload).RootElement;
            Assert.Equal(
                (a.Number, retiring.Id, top.Name, below.Id, below.Name, "schemeChanged"),
                (payload.GetProperty("memberNumber").GetString(), payload.GetProperty("from").GetProperty("id").GetGuid(), payload.GetProperty("from").GetProperty("name").GetString(),
                 payload.GetProperty("to").GetProperty("id").GetGuid(), payload.GetProperty("to").GetProperty("name").GetString(), payload.GetProperty("reason").GetString()));
            var cId = await db.Members.Where(m => m.MemberNumber == c.Number).Select(m => m.Id).SingleAsync();
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Type == EventTypes.TierChanged && m.MemberId == cId));
        }
        finally
        {
            await admin.RestoreAsync(original);
        }

        // A retired tier's id is not a current tier any more: naming it is 422, and its name and rank are free again.
        using var revived = await admin.PutAsJsonAsync(SchemeKit.Url, original.ToRequest() with { Tiers = [.. original.ToRequest().Tiers, top with { Id = retiring.Id }] }, HttpTestExtensions.Json);
        await revived.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_tier");
        try
        {
            var again = await admin.PutSchemeAsync(original.ToRequest() with { Tiers = [.. original.ToRequest().Tiers, top] });
            Assert.NotEqual(retiring.Id, again.Tiers.Single(t => t.Name == top.Name).Id);
        }
        finally
        {
            await admin.RestoreAsync(original);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_future_version_waits_then_the_job_applies_it_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        var job = api.Services.GetRequiredService<TierSchemeJob>();
        var now = api.Clock.GetUtcNow();
        try
        {
            var silver = original.Tiers.Single(t => t.Name == "Silver");
            var request = original.ToRequest(now.AddDays(1)) with
            {
                Tiers = [.. original.Tiers.Select(t => t.Id == silver.Id ? t.ToDefinition() with { Benefits = t.Benefits with { SupportResponseHours = 12 } } : t.ToDefinition())],
            };

            var response = await admin.PutSchemeAsync(request);

            var pending = Assert.IsType<TierSchemeVersionResponse>(response.Pending);
            Assert.Equal((TierSchemeVersionStatus.Pending, now.AddDays(1), (DateTimeOffset?)null), (pending.Status, pending.EffectiveFrom, pending.AppliedAt));
            Assert.Equal(original.Version, response.Version);
            Assert.Equal((int?)48, response.Tiers.Single(t => t.Id == silver.Id).Benefits.SupportResponseHours);
            Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));

            using (api.Clock.Travel(TimeSpan.FromDays(1)))
            {
                Assert.Equal(1, await job.RunOnceAsync(CancellationToken.None));
                Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));
                await using var scope = api.Services.CreateAsyncScope();
                Assert.False(await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyTierSchemeVersionCommand(pending.Id)));
            }

            var applied = await admin.GetSchemeAsync();
            Assert.Null(applied.Pending);
            Assert.Equal(pending.Version, applied.Version);
            Assert.Equal((int?)12, applied.Tiers.Single(t => t.Id == silver.Id).Benefits.SupportResponseHours);
            var version = (await admin.GetAllAsync<TierSchemeVersionResponse>(SchemeKit.Url + "/versions")).Single(v => v.Id == pending.Id);
            Assert.Equal((TierSchemeVersionStatus.Applied, true), (version.Status, version.AppliedAt >= now.AddDays(1)));

            using var cancelApplied = await admin.PostAsync($"{SchemeKit.Url}/versions/{pending.Id}/cancel", null);
            await cancelApplied.AssertProblemAsync(HttpStatusCode.Conflict, "version_not_pending");
        }
        finally
        {
            await admin.RestoreAsync(original);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_instances_applying_the_same_due_version_at_once_apply_it_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        try
        {
            var top = original.TopTier();
            var pending = (await admin.PutSchemeAsync(original.ToRequest(api.Clock.GetUtcNow().AddHours(1)) with { Tiers = [.. original.ToRequest().Tiers, top] })).Pending!;
            using (api.Clock.Travel(TimeSpan.FromHours(2)))
            {
                async Task<bool> ApplyAsync()
                {
                    await using var scope = api.Services.CreateAsyncScope();
                    return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyTierSchemeVersionCommand(pending.Id));
                }

                var results = await Task.WhenAll(ApplyAsync(), ApplyAsync());
                Assert.Equal(1, results.Count(applied => applied));
            }

            var scheme = await admin.GetSchemeAsync();
            Assert.Single(scheme.Tiers, t => t.Name == top.Name);
            Assert.Equal(pending.Version, scheme.Version);
        }
        finally
        {
            await admin.RestoreAsync(original);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_submission_replaces_the_pending_one_and_a_pending_version_can_be_cancelled(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        var now = api.Clock.GetUtcNow();
        try
        {
            var first = (await admin.PutSchemeAsync(original.ToRequest(now.AddDays(3)) with { GraceDays = 10 })).Pending!;
            var second = (await admin.PutSchemeAsync(original.ToRequest(now.AddDays(5)) with { GraceDays = 20 })).Pending!;
            Assert.Equal(first.Version + 1, second.Version);

            var versions = await admin.GetAllAsync<TierSchemeVersionResponse>(SchemeKit.Url + "/versions");
            Assert.Equal((TierSchemeVersionStatus.Cancelled, "admin@test"), versions.Where(v => v.Id == first.Id).Select(v => (v.Status, v.CancelledBy!)).Single());
            Assert.Equal(20, versions.Single(v => v.Id == second.Id).Definition.GraceDays);

            // Adding a single tier would bypass the scheduled change: refused while it is pending.
            using var add = await admin.PostAsJsonAsync("/api/v1/admin/tiers", new CreateTierRequest("Tier " + Unique.Id(), 99, 10m, long.MaxValue / 2), HttpTestExtensions.Json);
            await add.AssertProblemAsync(HttpStatusCode.Conflict, "tier_scheme_change_pending");

            using var cancel = await admin.PostAsync($"{SchemeKit.Url}/versions/{second.Id}/cancel", null);
            await cancel.EnsureStatusAsync(HttpStatusCode.OK);
            var cancelled = (await cancel.Content.ReadFromJsonAsync<TierSchemeVersionResponse>(HttpTestExtensions.Json))!;
            Assert.Equal((TierSchemeVersionStatus.Cancelled, true), (cancelled.Status, cancelled.CancelledAt >= now));
            using var twice = await admin.PostAsync($"{SchemeKit.Url}/versions/{second.Id}/cancel", null);
            await twice.AssertProblemAsync(HttpStatusCode.Conflict, "version_not_pending");
            using var unknown = await admin.PostAsync($"{SchemeKit.Url}/versions/{Guid.NewGuid()}/cancel", null);
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "tier_scheme_version_not_found");

            var scheme = await admin.GetSchemeAsync();
            Assert.Null(scheme.Pending);
            Assert.Equal(original.Settings.GraceDays, scheme.Settings.GraceDays);
            using (api.Clock.Travel(TimeSpan.FromDays(6)))
            {
                Assert.Equal(0, await api.Services.GetRequiredService<TierSchemeJob>().RunOnceAsync(CancellationToken.None));
            }

            await using var db = api.CreateDbContext();
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "tier_scheme.cancelled" && a.EntityId == second.Id.ToString()));
        }
        finally
        {
            await admin.RestoreAsync(original);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Contradictory_schemes_are_422_with_their_code_and_change_nothing(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        var valid = original.ToRequest();
        var (bronze, silver, gold) = (original.Tiers[0], original.Tiers[1], original.Tiers[2]);
        TierDefinitionDto[] Replace(TierDefinitionDto changed, Guid? at = null) => [.. valid.Tiers.Select(t => t.Id == (at ?? changed.Id) ? changed : t)];
        var cases = new (TierSchemeRequest Request, string Code)[]
        {
            (valid with { Tiers = Replace(gold.ToDefinition() with { Qualify = new TierThresholdsDto(1_000), Retain = null }) }, "overlapping_thresholds"),
            (valid with { Tiers = Replace(silver.ToDefinition() with { Retain = new TierThresholdsDto(1_001) }) }, "contradictory_thresholds"),
            (valid with { Tiers = Replace(silver.ToDefinition() with { Qualify = new TierThresholdsDto(0), Retain = null }) }, "invalid_threshold"),
            (valid with { Tiers = Replace(bronze.ToDefinition() with { Qualify = new TierThresholdsDto(1) }) }, "invalid_threshold"),
            (valid with { Tiers = Replace(gold.ToDefinition() with { Rank = silver.Rank }) }, "duplicate_rank"),
            (valid with { Tiers = Replace(gold.ToDefinition() with { Name = "silver" }) }, "duplicate_tier_name"),
            (valid with { Tiers = Replace(gold.ToDefinition() with { Benefits = gold.Benefits with { EarnMultiplier = 1.1m } }) }, "tier_out_of_order"),
            (valid with { Tiers = Replace(silver.ToDefinition() with { Benefits = silver.Benefits with { EarnMultiplier = 0.5m } }) }, "invalid_multiplier"),
            (valid with { Tiers = Replace(silver.ToDefinition() with { Benefits = silver.Benefits with { RewardDiscountPercent = 101m } }) }, "invalid_discount"),
            (valid with { WindowMonths = 0 }, "invalid_window"),
            (valid with { GraceDays = 400 }, "invalid_grace_period"),
            (valid with { Tiers = [.. valid.Tiers.Where(t => t.Rank != 0)] }, "invalid_scheme"),
            (valid with { Tiers = Replace(silver.ToDefinition() with { Id = Guid.NewGuid() }, at: silver.Id) }, "unknown_tier"),
            (valid with { Tiers = Replace(gold.ToDefinition() with { Id = silver.Id }, at: gold.Id) }, "duplicate_tier_id"),
            (valid with { Tiers = Replace(bronze.ToDefinition() with { Id = null }, at: bronze.Id) }, "entry_tier_replaced"),
            (valid with { Tiers = [.. valid.Tiers.Where(t => t.Id != bronze.Id && t.Id != silver.Id), silver.ToDefinition() with { Rank = 0, Qualify = null, Retain = null }] }, "entry_tier_replaced"),
            (valid with { Tiers = [.. valid.Tiers.Where(t => t.Id != bronze.Id), bronze.ToDefinition() with { Id = null, Rank = 0, Name = "Copper" }] }, "entry_tier_replaced"),
        };

        foreach (var (request, code) in cases)
        {
            using var response = await admin.PutAsJsonAsync(SchemeKit.Url, request, HttpTestExtensions.Json);
            await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        }

        var after = await admin.GetSchemeAsync();
        Assert.Equal(original.Version, after.Version);
        Assert.Equal(JsonSerializer.Serialize(original.Tiers), JsonSerializer.Serialize(after.Tiers));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Malformed_schemes_are_400_with_field_errors(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        var valid = original.ToRequest();
        var silver = original.Tiers[1].ToDefinition();
        TierDefinitionDto[] WithSilver(TierDefinitionDto changed) => [.. valid.Tiers.Select(t => t.Id == changed.Id ? changed : t)];
        var cases = new (TierSchemeRequest Request, string Field)[]
        {
            (valid with { SpendCurrency = "euro" }, "spendCurrency"),
            (valid with { EffectiveFrom = fixture.For(provider).Clock.GetUtcNow().AddYears(3) }, "effectiveFrom"),
            (valid with { Tiers = [] }, "tiers"),
            (valid with { Tiers = WithSilver(silver with { Name = " " }) }, "tiers[1].name"),
            (valid with { Tiers = WithSilver(silver with { Name = new string('x', 51) }) }, "tiers[1].name"),
            (valid with { Tiers = WithSilver(silver with { Rank = 101 }) }, "tiers[1].rank"),
            (valid with { Tiers = WithSilver(silver with { Qualify = new TierThresholdsDto(Spend: 500.00001m) }) }, "tiers[1].qualify.spend"),
            (valid with { Tiers = WithSilver(silver with { Benefits = silver.Benefits! with { EarnMultiplier = 1.255m } }) }, "tiers[1].benefits.earnMultiplier"),
            (valid with { Tiers = WithSilver(silver with { Benefits = silver.Benefits! with { SupportResponseHours = 0 } }) }, "tiers[1].benefits.supportResponseHours"),
            (valid with { Tiers = WithSilver(silver with { Benefits = silver.Benefits! with { Perks = [new string('p', 101)] } }) }, "tiers[1].benefits.perks[0]"),
            (valid with { Tiers = WithSilver(silver with { Benefits = silver.Benefits! with { Perks = [.. Enumerable.Range(0, 21).Select(i => $"Perk {i}")] } }) }, "tiers[1].benefits.perks"),
        };

        foreach (var (request, field) in cases)
        {
            using var response = await admin.PutAsJsonAsync(SchemeKit.Url, request, HttpTestExtensions.Json);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        using var nullTiers = await admin.PutAsync(SchemeKit.Url, JsonBody("""{"windowKind":"rollingMonths","windowMonths":12,"graceDays":0,"downgradeMode":"oneTier","spendCurrency":"EUR","tiers":null}"""));
        await nullTiers.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var broken = await admin.PutAsync(SchemeKit.Url, JsonBody("""{"windowKind":"rollingMonths","tiers":[{"name":"Bronze","rank":"zero"}]}"""));
        await broken.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        using var notJson = await admin.PutAsync(SchemeKit.Url, JsonBody("{tiers"));
        await notJson.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal(original.Version, (await admin.GetSchemeAsync()).Version);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_partners_and_strangers_cannot_read_or_change_the_scheme(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.JoinWithPointsAsync(0);
        var original = await s.Admin.GetSchemeAsync();
        var attackers = new (HttpClient Client, HttpStatusCode Status)[]
        {
            (member.Client, HttpStatusCode.Forbidden),
            (api.CreateClient().WithApiKey(s.Key.Key), HttpStatusCode.Unauthorized),
            (api.CreateClient(), HttpStatusCode.Unauthorized),
        };
        var pending = (await s.Admin.PutSchemeAsync(original.ToRequest(api.Clock.GetUtcNow().AddDays(1)))).Pending!;
        try
        {
            foreach (var (client, status) in attackers)
            {
                using var get = await client.GetAsync(SchemeKit.Url);
                Assert.Equal(status, get.StatusCode);
                using var put = await client.PutAsJsonAsync(SchemeKit.Url, original.ToRequest() with { Tiers = [.. original.ToRequest().Tiers, original.TopTier()] }, HttpTestExtensions.Json);
                Assert.Equal(status, put.StatusCode);
                using var versions = await client.GetAsync(SchemeKit.Url + "/versions");
                Assert.Equal(status, versions.StatusCode);
                using var cancel = await client.PostAsync($"{SchemeKit.Url}/versions/{pending.Id}/cancel", null);
                Assert.Equal(status, cancel.StatusCode);
                using var tiers = await client.PostAsJsonAsync("/api/v1/admin/tiers", new CreateTierRequest("Tier " + Unique.Id(), 99, 10m, long.MaxValue / 2), HttpTestExtensions.Json);
                Assert.Equal(status, tiers.StatusCode);
            }

            var after = await s.Admin.GetSchemeAsync();
            Assert.Equal((original.Tiers.Count, pending.Id), (after.Tiers.Count, after.Pending!.Id));
        }
        finally
        {
            await s.Admin.RestoreAsync(original);
        }

        // The ladder is for members: staff tokens are no members, partner keys and strangers are not let in.
        using var staff = await s.Admin.GetAsync("/api/v1/me/tiers");
        Assert.Contains(staff.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        using var partner = await api.CreateClient().WithApiKey(s.Key.Key).GetAsync("/api/v1/me/tiers");
        Assert.Equal(HttpStatusCode.Unauthorized, partner.StatusCode);
        using var notEnrolled = await s.MemberClient("nobody-" + Unique.Id()).GetAsync("/api/v1/me/tiers");
        await notEnrolled.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_ladder_shows_every_tier_what_it_takes_what_it_gives_and_mine(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.JoinWithPointsAsync(0);
        var scheme = await s.Admin.GetSchemeAsync();

        var ladder = await member.Client.GetJsonAsync<TierLadderResponse>("/api/v1/me/tiers");

        Assert.Equal((QualificationWindowKind.RollingMonths, 12, "EUR"), (ladder.WindowKind, ladder.WindowMonths, ladder.SpendCurrency));
        Assert.Equal(scheme.Tiers.Select(t => (t.Id, t.Name, t.Rank)), ladder.Tiers.Select(t => (t.Id, t.Name, t.Rank)));
        var bronze = Assert.Single(ladder.Tiers, t => t.IsMine);
        Assert.Equal(("Bronze", (TierRequirement?)null, bronze.Id), (bronze.Name, bronze.Qualify, ladder.MyTierId));
        var silver = ladder.Tiers.Single(t => t.Name == "Silver");
        Assert.Equal((new TierRequirement(1_000, null, null), new TierRequirement(1_000, null, null)), (silver.Qualify, silver.Retain));
        Assert.Equal((1.25m, 5m, (int?)48, "Free delivery"), (silver.Benefits.EarnMultiplier, silver.Benefits.RewardDiscountPercent, silver.Benefits.SupportResponseHours, Assert.Single(silver.Benefits.Perks)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tier_reward_discount_lowers_the_price_rounded_in_the_members_favour(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        Assert.Equal(5m, (await s.Admin.GetSchemeAsync()).Tiers.Single(t => t.Name == "Silver").Benefits.RewardDiscountPercent);
        var exact = await s.CreateRewardAsync(NewReward(cost: 1_000)); // 950 exactly
        var rounded = await s.CreateRewardAsync(NewReward(cost: 999)); // 949.05 → 949
        var silverMember = await s.JoinWithPointsAsync(1_899);
        await s.MoveToTierAsync(silverMember, "Silver");
        var bronzeMember = await s.JoinWithPointsAsync(1_000);

        var catalogue = await silverMember.CatalogueAsync();
        Assert.Equal((950L, 1_000L), catalogue.Where(r => r.Id == exact.Id).Select(r => (r.PointsCost, r.RegularPointsCost)).Single());
        Assert.Equal((949L, 999L, true), catalogue.Where(r => r.Id == rounded.Id).Select(r => (r.PointsCost, r.RegularPointsCost, r.CanAfford)).Single());
        Assert.Equal((1_000L, 1_000L), (await bronzeMember.CatalogueAsync()).Where(r => r.Id == exact.Id).Select(r => (r.PointsCost, r.RegularPointsCost)).Single());

        var first = await silverMember.RedeemOkAsync(exact.Id);
        Assert.Equal((950L, 949L), (first.Voucher.PointsSpent, first.AvailablePoints));
        var second = await silverMember.RedeemOkAsync(rounded.Id);
        Assert.Equal((949L, 0L), (second.Voucher.PointsSpent, second.AvailablePoints));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(silverMember.Number));

        var full = await bronzeMember.RedeemOkAsync(exact.Id);
        Assert.Equal((1_000L, 0L), (full.Voucher.PointsSpent, full.AvailablePoints));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(bronzeMember.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_full_discount_makes_a_reward_free_and_moves_no_points(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var original = await s.Admin.GetSchemeAsync();
        var top = original.TopTier(discount: 100m);
        try
        {
            await s.Admin.PutSchemeAsync(original.ToRequest() with { Tiers = [.. original.ToRequest().Tiers, top] });
            var reward = await s.CreateRewardAsync(NewReward(cost: 500, limit: 1));
            var member = await s.JoinWithPointsAsync(20);
            await s.MoveToTierAsync(member, top.Name);

            Assert.Equal((0L, 500L, true), (await member.CatalogueAsync()).Where(r => r.Id == reward.Id).Select(r => (r.PointsCost, r.RegularPointsCost, r.CanRedeem)).Single());
            var redeemed = await member.RedeemOkAsync(reward.Id);

            Assert.Equal((0L, 20L), (redeemed.Voucher.PointsSpent, redeemed.AvailablePoints));
            Assert.Equal(20, await s.AssertBalanceEqualsLedgerAsync(member.Number));
            using var again = await member.RedeemAsync(reward.Id);
            await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "reward_limit_reached");
        }
        finally
        {
            await s.Admin.RestoreAsync(original);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Adding_a_tier_with_POST_tiers_is_a_new_scheme_version(DatabaseProvider provider)
    {
        var admin = Client(provider, TestTokens.Admin());
        var original = await admin.GetSchemeAsync();
        var top = original.TopTier();
        try
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/admin/tiers", new CreateTierRequest(top.Name, top.Rank, top.Benefits!.EarnMultiplier, top.Qualify!.PointsEarned!.Value), HttpTestExtensions.Json);
            await response.EnsureStatusAsync(HttpStatusCode.Created);
            var tier = (await response.Content.ReadFromJsonAsync<TierResponse>(HttpTestExtensions.Json))!;
            Assert.Equal((top.Name, new TierThresholdsDto(top.Qualify.PointsEarned), 0m), (tier.Name, tier.Qualify, tier.Benefits.RewardDiscountPercent));

            var after = await admin.GetSchemeAsync();
            Assert.Equal((original.Version ?? 0) + 1, after.Version);
            Assert.Equal([.. original.Tiers.Select(t => t.Id), tier.Id], after.Tiers.Select(t => t.Id));
            Assert.Equal(original.Settings, after.Settings);
        }
        finally
        {
            await admin.RestoreAsync(original);
        }
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private HttpClient Client(DatabaseProvider provider, string token) => fixture.For(provider).CreateClient().WithBearer(token);
}
