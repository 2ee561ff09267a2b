using Loyalty.Application.Abstractions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// The optional read replica (<c>ConnectionStrings:LoyaltyReadOnly</c>) and the pool of read-only contexts behind
/// <see cref="IReportingDbContext"/>. Without a replica the pool reads from the primary, so nothing changes but the
/// guard: a reporting context never saves, wherever it reads.
/// </summary>
public static class ReadReplica
{
    public const string ConnectionStringName = "LoyaltyReadOnly";

    /// <summary>
    /// The replica's connection string, declared read-only where the provider can say so (SQL Server's
    /// <c>ApplicationIntent=ReadOnly</c>, which routes to a readable secondary through an availability group
    /// listener); null when none is configured. SQLite has no replicas: a replica setting there is refused at start-up
    /// rather than ignored, so a mistaken deployment fails loudly.
    /// </summary>
    public static string? ConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        var value = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is set, but SQLite has no read replicas: remove the setting, or run on SQL Server or PostgreSQL."),
            DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(value) { ApplicationIntent = ApplicationIntent.ReadOnly }.ConnectionString,
            DatabaseProvider.PostgreSql => ProviderConfiguration.PreparePostgreSql(value),
            _ => value,
        };
    }

    /// <summary>
    /// The reporting contexts' options: the primary's (provider, model, interceptors) with the replica's connection
    /// string when there is one, no tracking, and the guard that refuses SaveChanges.
    /// </summary>
    public static DbContextOptions<LoyaltyDbContext> Options(DbContextOptions<LoyaltyDbContext> primary, DatabaseProvider provider, string? replica)
    {
        var builder = new DbContextOptionsBuilder<LoyaltyDbContext>(primary);
        switch (provider)
        {
            case DatabaseProvider.SqlServer when replica is not null:
                builder.UseSqlServer(replica); // replaces the connection string only; the rest of the provider's set-up stays
                break;
            case DatabaseProvider.PostgreSql when replica is not null:
                builder.UseNpgsql(replica);
                break;
        }

        return builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).AddInterceptors(ReadOnlyGuard.Instance).Options;
    }

    /// <summary>Refuses SaveChanges on a reporting context: a write there would fail on a replica, and only there.</summary>
    private sealed class ReadOnlyGuard : SaveChangesInterceptor
    {
        public static readonly ReadOnlyGuard Instance = new();

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) => throw Refused();

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw Refused();

        private static InvalidOperationException Refused() =>
            new($"{nameof(IReportingDbContext)} only reads (from ConnectionStrings:{ConnectionStringName} when set): write through {nameof(ILoyaltyDbContext)}.");
    }
}

/// <summary>The pool of reporting contexts; one rented per scope that asks for <see cref="IReportingDbContext"/>.</summary>
public sealed class ReportingContexts(DbContextOptions<LoyaltyDbContext> options)
{
    private readonly PooledDbContextFactory<LoyaltyDbContext> _factory = new(options);

    public LoyaltyDbContext Rent() => _factory.CreateDbContext();
}
