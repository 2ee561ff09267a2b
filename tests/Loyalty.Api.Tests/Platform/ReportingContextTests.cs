using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The reporting context (<see cref="IReportingDbContext"/>) without a replica: it reads the primary through a context
/// of its own and never saves; a replica setting on SQLite stops the start-up; SQL Server's replica is read-only
/// intent. The replica itself is in <see cref="ReadReplicaTests"/> (PostgreSQL standby).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReportingContextTests(ApiFixture fixture)
{
    [Fact]
    public async Task Without_a_replica_reports_read_the_primary_through_a_context_of_their_own_that_never_saves()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        await using var scope = api.Services.CreateAsyncScope();
        var primary = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
        var reports = scope.ServiceProvider.GetRequiredService<IReportingDbContext>();

        Assert.NotSame(primary, reports);
        Assert.Same(reports, scope.ServiceProvider.GetRequiredService<IReportingDbContext>()); // one per scope
        Assert.Equal(primary.Database.GetConnectionString(), reports.Database.GetConnectionString());
        Assert.Equal(QueryTrackingBehavior.NoTracking, reports.ChangeTracker.QueryTrackingBehavior);
        Assert.True(await reports.Tiers.AnyAsync()); // the primary's seeded tiers

        var code = "never-saved-" + Unique.Id();
        reports.InterestTopics.Add(InterestTopic.Create(code, "Never saved", api.Clock.GetUtcNow()));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => reports.SaveChangesAsync());
        Assert.Contains("ConnectionStrings:LoyaltyReadOnly", refused.Message, StringComparison.Ordinal);
        Assert.False(await primary.InterestTopics.AnyAsync(t => t.Code == code));
    }

    [Fact]
    public async Task A_replica_setting_on_SQLite_stops_the_start_up_with_a_clear_message()
    {
        await using var api = new LoyaltyApiFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            new Dictionary<string, string?> { ["ConnectionStrings:LoyaltyReadOnly"] = "Data Source=replica.db" });

        var failure = Assert.Throws<InvalidOperationException>(() => api.Server);
        Assert.Contains("SQLite has no read replicas", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_SQL_Server_the_reporting_contexts_connect_to_the_replica_with_read_only_intent()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:LoyaltyReadOnly"] = "Server=ag-listener;Database=loyalty;Integrated Security=true" })
            .Build();
        var replica = ReadReplica.ConnectionString(configuration, DatabaseProvider.SqlServer);
        var primary = new DbContextOptionsBuilder<LoyaltyDbContext>();
        primary.UseLoyaltyDatabase(DatabaseProvider.SqlServer, "Server=primary;Database=loyalty;Integrated Security=true");

        using var reports = new LoyaltyDbContext(ReadReplica.Options(primary.Options, DatabaseProvider.SqlServer, replica));
        var used = new SqlConnectionStringBuilder(reports.Database.GetConnectionString());
        Assert.Equal("ag-listener", used.DataSource);
        Assert.Equal(ApplicationIntent.ReadOnly, used.ApplicationIntent);
        Assert.Equal(QueryTrackingBehavior.NoTracking, reports.ChangeTracker.QueryTrackingBehavior);
        Assert.Null(ReadReplica.ConnectionString(new ConfigurationBuilder().Build(), DatabaseProvider.SqlServer));
    }
}
