using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Referrals;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>The real API in memory, on a chosen database, trusting <see cref="TestTokens"/>.</summary>
public sealed class LoyaltyApiFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    public DatabaseProvider Provider => Database.Provider;

    /// <summary>The API's clock; move it with <see cref="TestClock.Travel"/>.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The API's log entries that carry an exception.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Counts the database commands the API sends; see <see cref="DatabaseCommandCounter.Start"/>.</summary>
    public DatabaseCommandCounter Commands { get; } = new();

    /// <summary>More services for this factory only (e.g. telemetry exporters, interceptors), after the API's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:DemoProgramme", "true"); // tiers Bronze/Silver/Gold and 1 point per EUR, shared by all tests
        builder.UseSetting("ConnectionStrings:Loyalty", Database.ConnectionString);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", TestTokens.Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", TestTokens.Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:1", null);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", TestTokens.Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(TestTokens.SigningKey));
        builder.UseSetting("RateLimiting:PartnerPermitsPerSecond", "100000");
        builder.UseSetting("RateLimiting:MemberPermitsPerMinute", "100000");
        builder.UseSetting("RateLimiting:AdminPermitsPerMinute", "100000");
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "100000");
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true"); // receivers in tests listen on 127.0.0.1
        builder.UseSetting("Webhooks:Timeout", "00:00:05");
        builder.UseSetting("Jobs:Enabled", "false"); // tests run jobs by hand, at the moment they choose
        builder.UseSetting("Cluster:PollInterval", "00:00:00"); // one instance: no stamp polling (SeveralInstancesTests turns it on)
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // A query that limits rows without an order returns rows in no defined order: fail the test that runs it.
            services.ConfigureDbContext<LoyaltyDbContext>(o => o.AddInterceptors(Commands)
                .ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning)));
            TestServices?.Invoke(services);
        });
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A context on the same database, for checks the API does not expose (e.g. the ledger invariant).</summary>
    /// <summary>
    /// Counts the database commands <paramref name="act"/> sends. The programme snapshots are reloaded first, so none
    /// of their five-second lifetimes runs out mid-count: a reload is amortised over many requests, not a path's cost.
    /// </summary>
    public async Task<(int Count, string Log)> CountCommandsAsync(Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        await using (var db = CreateDbContext())
        {
            await Reload(Services.GetRequiredService<PointsPolicyCache>(), db);
            await Reload(Services.GetRequiredService<EarningRulesCache>(), db);
            await Reload(Services.GetRequiredService<TierSchemeCache>(), db);
            await Reload(Services.GetRequiredService<ReferralProgrammeCache>(), db);
        }

        using (Commands.Start())
        {
            await act();
        }

        return (Commands.Count, Commands.Log);
    }

    private static async Task Reload<T>(RefreshingSnapshot<T> snapshot, LoyaltyDbContext db)
        where T : class
    {
        snapshot.Invalidate();
        await snapshot.GetAsync(db, CancellationToken.None);
    }

    public LoyaltyDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One started API per available provider, shared by every test of the run (tests isolate by creating their own data).</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, LoyaltyApiFactory> _factories = [];

    public LoyaltyApiFactory For(DatabaseProvider provider) => _factories[provider];

    public async Task InitializeAsync()
    {
        foreach (var provider in TestDatabase.Available())
        {
            var factory = new LoyaltyApiFactory(await TestDatabase.CreateAsync(provider));
            _ = factory.Server; // start now: migrations run once, before any test
            _factories[provider] = factory;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories.Values)
        {
            await factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>Theory data: every provider this run can reach.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All
    {
        get
        {
            var data = new TheoryData<DatabaseProvider>();
            foreach (var provider in TestDatabase.Available())
            {
                data.Add(provider);
            }

            return data;
        }
    }
}
