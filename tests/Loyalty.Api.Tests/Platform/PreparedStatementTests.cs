using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// PostgreSQL connections prepare the statements they run often (Npgsql's automatic preparation), so the server parses
/// and plans each hot statement once per connection instead of on every request.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PreparedStatementTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("Host=db;Database=loyalty", ProviderConfiguration.DefaultMaxAutoPrepare)]
    [InlineData("Host=db;Database=loyalty;Max Auto Prepare=0", 0)] // behind a pooler that cannot keep them
    [InlineData("Host=db;Database=loyalty;Max Auto Prepare=10", 10)]
    public void Automatic_preparation_is_on_unless_the_connection_string_says_otherwise(string configured, int expected)
    {
        var used = new NpgsqlConnectionStringBuilder(ProviderConfiguration.PreparePostgreSql(configured));

        Assert.Equal(expected, used.MaxAutoPrepare);
        Assert.Equal(("db", "loyalty"), (used.Host, used.Database));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_apps_postgresql_connections_prepare_a_repeated_statement(DatabaseProvider provider)
    {
        await using var db = fixture.For(provider).CreateDbContext();
        if (provider != DatabaseProvider.PostgreSql)
        {
            Assert.DoesNotContain("Auto Prepare", db.Database.GetConnectionString(), StringComparison.OrdinalIgnoreCase);
            return;
        }

        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        for (var i = 0; i < 6; i++)
        {
            await using var command = new NpgsqlCommand("""SELECT count(*) /* prepared-probe */ FROM "Members" WHERE "MemberNumber" = $1""", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = "none-" + i });
            await command.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("""SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%/* prepared-probe */%'""", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }
}
