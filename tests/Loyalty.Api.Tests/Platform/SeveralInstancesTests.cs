using System.Diagnostics;
using System.Net;
using Loyalty.Api.Tests.Earning;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Scaling;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// Two API instances in one process on one database, each with its own caches and rate limiter, as behind a load
/// balancer: what one instance changes, the other enforces within the promised second; limits hold in total.
/// </summary>
public sealed class SeveralInstancesTests(SeveralInstancesTests.Clusters clusters) : IClassFixture<SeveralInstancesTests.Clusters>
{
    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(1);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public Task A_key_revoked_on_one_instance_is_refused_by_the_other_within_a_second(DatabaseProvider provider) =>
        AssertTillOnBRefusedWithinASecondAsync(provider, "accepted the revoked key", async s =>
        {
            var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("till on B", [ApiKeyScopes.MembersRead]));
            return (key.Key, () => s.Admin.PostJsonAsync<ApiKeyResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys/{key.Id}/revoke", new { }));
        });

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public Task A_partner_suspended_on_one_instance_is_refused_by_the_other_within_a_second(DatabaseProvider provider) =>
        AssertTillOnBRefusedWithinASecondAsync(provider, "served the suspended partner", s => Task.FromResult<(string, Func<Task>)>((s.Key.Key, () => SuspendAsync(s))));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_earning_rule_created_on_one_instance_applies_on_the_other_within_a_second(DatabaseProvider provider)
    {
        var cluster = await clusters.ForAsync(provider);
        var s = await Scenario.StartAsync(cluster.A);
        var member = await s.EnrolAsync();
        using var tillOnB = cluster.B.CreateClient().WithApiKey(s.Key.Key);
        var first = await tillOnB.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m), idempotent: true);
        Assert.Equal(10, first.PointsEarned); // B has the rules cached: 1 point per EUR

        await s.CreateRuleAsync(new EarningRuleRequest("Double on B " + Unique.Id(), EarningRuleKind.Multiplier, Factor: 2m, Conditions: s.Mine()));
        var appliedAfter = await WithinAsync(Promised * 3, async () =>
        {
            var purchase = await tillOnB.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m), idempotent: true);
            return purchase.PointsEarned == 20;
        });

        Assert.True(appliedAfter < Promised, $"B earned without the new rule for {appliedAfter.TotalMilliseconds:F0} ms");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_limit_holds_in_total_across_two_instances(DatabaseProvider provider)
    {
        var cluster = await clusters.ForAsync(provider);
        await WithinAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(cluster.Live(cluster.A) == 2 && cluster.Live(cluster.B) == 2));
        var token = TestTokens.Member("greedy-" + Unique.Id());
        using var onA = cluster.A.CreateClient().WithBearer(token);
        using var onB = cluster.B.CreateClient().WithBearer(token); // one member, both instances

        var allowed = 0;
        for (var i = 0; i < 16; i++)
        {
            using var response = await (i % 2 == 0 ? onA : onB).GetAsync("/api/v1/me");
            allowed += response.StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
        }

        Assert.Equal(MemberLimit, allowed); // 5 on each; alone, each instance would have allowed all 10
    }

    /// <summary>
    /// A till on B reads a member with the key <paramref name="arrange"/> gives (so B holds it in its caches), then the
    /// change it returns is made through A: B must refuse the till within the promised second.
    /// </summary>
    private async Task AssertTillOnBRefusedWithinASecondAsync(DatabaseProvider provider, string stillWorked, Func<Scenario, Task<(string Key, Func<Task> ChangeOnA)>> arrange)
    {
        var cluster = await clusters.ForAsync(provider);
        var s = await Scenario.StartAsync(cluster.A);
        var member = await s.EnrolAsync();
        var (key, changeOnA) = await arrange(s);
        using var tillOnB = cluster.B.CreateClient().WithApiKey(key);
        using (var before = await tillOnB.GetAsync($"/api/v1/partner/members/{member.MemberNumber}"))
        {
            await before.EnsureStatusAsync(HttpStatusCode.OK); // B now holds the key and the partner in its caches
        }

        await changeOnA();
        var refusedAfter = await WithinAsync(Promised * 3, async () =>
        {
            using var response = await tillOnB.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");
            return response.StatusCode == HttpStatusCode.Unauthorized;
        });

        Assert.True(refusedAfter < Promised, $"B still {stillWorked} {refusedAfter.TotalMilliseconds:F0} ms after the change");
    }

    private static async Task SuspendAsync(Scenario s)
    {
        using var suspend = await s.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/admin/partners/{s.PartnerInfo.Id}", new UpdatePartnerRequest(null, null, PartnerStatus.Suspended), null);
        await suspend.EnsureStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>Repeats <paramref name="check"/> until it holds and returns how long that took; fails after <paramref name="limit"/>.</summary>
    private static async Task<TimeSpan> WithinAsync(TimeSpan limit, Func<Task<bool>> check)
    {
        var clock = Stopwatch.StartNew();
        while (!await check())
        {
            Assert.True(clock.Elapsed < limit, $"not seen within {limit}");
            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    private const int MemberLimit = 10;

    /// <summary>Two instances per provider on one fresh database each, with the cluster loop on (the shared test hosts run it off); started on first use.</summary>
    public sealed class Clusters : IAsyncLifetime
    {
        private readonly Dictionary<DatabaseProvider, TwoInstances> _started = [];
        private readonly SemaphoreSlim _starting = new(1, 1);

        public async Task<TwoInstances> ForAsync(DatabaseProvider provider)
        {
            await _starting.WaitAsync();
            try
            {
                if (!_started.TryGetValue(provider, out var cluster))
                {
                    _started[provider] = cluster = await TwoInstances.StartAsync(provider);
                }

                return cluster;
            }
            finally
            {
                _starting.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var cluster in _started.Values)
            {
                await cluster.DisposeAsync();
            }

            _starting.Dispose();
        }
    }

    public sealed class TwoInstances : IAsyncDisposable
    {
        private TwoInstances(LoyaltyApiFactory a, LoyaltyApiFactory b)
        {
            A = a;
            B = b;
        }

        public LoyaltyApiFactory A { get; }

        public LoyaltyApiFactory B { get; }

        public static async Task<TwoInstances> StartAsync(DatabaseProvider provider)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Cluster:PollInterval"] = "00:00:00.100",
                ["Cluster:HeartbeatInterval"] = "00:00:00.200",
                ["Cluster:InstanceExpiry"] = "00:00:05",
                ["RateLimiting:MemberPermitsPerMinute"] = MemberLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var database = await TestDatabase.CreateAsync(provider);
            var a = new LoyaltyApiFactory(database, settings);
            _ = a.Server; // migrates and seeds before the second instance starts
            var b = new LoyaltyApiFactory(database, settings);
            _ = b.Server;
            return new TwoInstances(a, b);
        }

        public int Live(LoyaltyApiFactory instance) => instance.Services.GetRequiredService<ClusterMembership>().LiveInstances;

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync(); // drops the shared database too; A only logs that it lost it
            await A.DisposeAsync();
        }
    }
}
