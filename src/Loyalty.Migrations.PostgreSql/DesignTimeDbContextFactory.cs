using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Loyalty.Migrations.PostgreSql;

/// <summary>
/// Lets `dotnet ef` build the model for PostgreSql without starting the API. The connection string is only used
/// by commands that talk to a database (e.g. `database update`); set LOYALTY_DESIGN_CONNECTION to point them elsewhere.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LoyaltyDbContext>
{
    public LoyaltyDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("LOYALTY_DESIGN_CONNECTION") ?? "Host=localhost;Database=loyalty;Username=postgres";
        var builder = new DbContextOptionsBuilder<LoyaltyDbContext>();
        builder.UseLoyaltyDatabase(DatabaseProvider.PostgreSql, connectionString);
        return new LoyaltyDbContext(builder.Options);
    }
}
