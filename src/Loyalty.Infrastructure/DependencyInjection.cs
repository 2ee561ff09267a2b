using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Care;
using Loyalty.Application.Features.Insight;
using Loyalty.Infrastructure.Health;
using Loyalty.Infrastructure.Idempotency;
using Loyalty.Infrastructure.Insight;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Scaling;
using Loyalty.Infrastructure.Seeding;
using Loyalty.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Loyalty.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddLoyaltyInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        var connectionString = configuration.GetConnectionString("Loyalty")
            ?? (database.Provider == DatabaseProvider.Sqlite
                ? "Data Source=data/loyalty.db"
                : throw new InvalidOperationException("ConnectionStrings:Loyalty is required for " + database.Provider + "."));
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            connectionString = ProviderConfiguration.PrepareSqlite(connectionString, environment.ContentRootPath);
        }
        else if (database.Provider == DatabaseProvider.PostgreSql)
        {
            connectionString = ProviderConfiguration.PreparePostgreSql(connectionString);
        }

        // Pooled contexts, cheap per request. The request's context comes from AddDbContextPool: its lease belongs to
        // the scope, so the scope disposing it through both registrations below returns it to the pool once. (A
        // context from the factory has a lease of its own, and a second Dispose would pull it away from whichever
        // request rented it next.) The factory serves code that needs a context of its own, e.g. the idempotency store.
        var checkpointAside = database.Provider == DatabaseProvider.Sqlite && database.SqliteCheckpointInterval > TimeSpan.Zero;
        services.AddDbContextPool<LoyaltyDbContext>(o => o.UseLoyaltyDatabase(database.Provider, connectionString, checkpointAside));
        services.AddPooledDbContextFactory<LoyaltyDbContext>(o => o.UseLoyaltyDatabase(database.Provider, connectionString, checkpointAside));
        services.AddScoped<ILoyaltyDbContext>(sp => sp.GetRequiredService<LoyaltyDbContext>());

        // Heavy reads (reports, insight dashboards, settlement, segment exports) rent from a pool of their own: on the
        // read replica when ConnectionStrings:LoyaltyReadOnly is set, else on the primary. The options start from the
        // primary's, so they keep its provider set-up and interceptors. One registration, so the scope returns the
        // context to its pool exactly once.
        var replica = ReadReplica.ConnectionString(configuration, database.Provider);
        services.AddSingleton(sp => new ReportingContexts(ReadReplica.Options(sp.GetRequiredService<DbContextOptions<LoyaltyDbContext>>(), database.Provider, replica)));
        services.AddScoped<IReportingDbContext>(sp => sp.GetRequiredService<ReportingContexts>().Rent());

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<IWriteGate, SqliteWriteGate>();
            if (checkpointAside)
            {
                services.AddSingleton(sp => new SqliteCheckpointer(connectionString, database.SqliteCheckpointInterval, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SqliteCheckpointer>>()));
                services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
            }
        }
        else
        {
            services.AddSingleton<IWriteGate, OpenWriteGate>();
        }

        // Several instances on one database: cache stamps and the instance registry (see ClusterWatcher).
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton<ClusterMembership>();
        services.AddSingleton<ClusterWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterWatcher>());
        services.AddScoped<ICacheGenerations, CacheGenerations>();

        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection("Idempotency"));
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotencyRecordPurger>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyRecordPurger>());
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section));
        services.AddPeriodicJob<RedemptionHoldExpiryJob>();
        services.AddPeriodicJob<ReleasePendingPointsJob>();
        services.AddPeriodicJob<ExpirePointsJob>();
        services.AddPeriodicJob<BulkGrantJob>();
        services.AddPeriodicJob<DayBonusJob>();
        services.AddPeriodicJob<TierSchemeJob>();
        services.AddPeriodicJob<TierReviewJob>();
        services.AddPeriodicJob<SegmentRefreshJob>();
        services.AddPeriodicJob<RecommendationsJob>();
        services.AddWebhooks(configuration);
        services.AddSetBasedSql();
        services.AddInsight(); // after AddSetBasedSql: replaces the member value source
        services.AddPeriodicJob<ImportJob>();
        services.AddOptions<CareOptions>().Bind(configuration.GetSection(CareOptions.Section));
        services.AddOptions<InsightOptions>().Bind(configuration.GetSection(InsightOptions.Section));
        services.AddPeriodicJob<CaseFollowUpJob>();
        services.AddPeriodicJob<SurveyRequestJob>();
        services.AddScoped<CurrentIdempotencyKey>();
        services.AddScoped<IdempotencyCommitJournal>();
        services.AddScoped<ICommitJournal>(sp => sp.GetRequiredService<IdempotencyCommitJournal>());
        services.AddSingleton<IdempotentResponseProtector>();
        services.AddTransient<DemoProgrammeSeeder>();
        services.AddTransient<DatabaseInitializer>();

        services.AddHealthChecks()
            .AddDbContextCheck<LoyaltyDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, tags: ["ready"]);
        return services;
    }
}
