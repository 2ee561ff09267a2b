using System.Text.Json;
using System.Text.Json.Nodes;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Loyalty.Api.Tests.Platform;

/// <summary>The checked-in API documents and database scripts are what the code really serves and migrates to.</summary>
[Collection(ApiCollection.Name)]
public sealed class DriftTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("member")]
    [InlineData("partner")]
    [InlineData("admin")]
    public async Task The_api_specs_match_the_served_openapi_documents(string document)
    {
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync($"/swagger/{document}/swagger.json"))!;
        Snapshots.AssertMatches($"api-specs/{document}.json", served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Every_provider_has_a_migration_for_the_current_model(DatabaseProvider provider)
    {
        using var db = DesignContext(provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed without a {provider} migration: run scripts/add-migration.sh <Name>.");
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "db/sqlserver.sql")]
    [InlineData(DatabaseProvider.PostgreSql, "db/postgresql.sql")]
    public void The_db_scripts_are_generated_from_the_current_migrations(DatabaseProvider provider, string script)
    {
        using var db = DesignContext(provider);
        var sql = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Snapshots.AssertMatches(script, sql);
    }

    private static LoyaltyDbContext DesignContext(DatabaseProvider provider)
    {
        // No connection is opened: the model and the migrations are compared offline.
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.SqlServer => "Server=localhost;Database=loyalty;TrustServerCertificate=True",
            _ => "Host=localhost;Database=loyalty",
        };
        var builder = new DbContextOptionsBuilder<LoyaltyDbContext>();
        builder.UseLoyaltyDatabase(provider, connection);
        return new LoyaltyDbContext(builder.Options);
    }
}
