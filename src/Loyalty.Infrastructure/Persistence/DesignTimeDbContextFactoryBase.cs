using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build the model for one provider without starting the API; each migrations assembly
/// has a one-line subclass. The connection string matters only to commands that talk to a database
/// (e.g. <c>database update</c>): set LOYALTY_DESIGN_CONNECTION to point them at one.
/// </summary>
public abstract class DesignTimeDbContextFactoryBase(DatabaseProvider provider, string defaultConnectionString) : IDesignTimeDbContextFactory<LoyaltyDbContext>
{
    public LoyaltyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<LoyaltyDbContext>();
        builder.UseLoyaltyDatabase(provider, Environment.GetEnvironmentVariable("LOYALTY_DESIGN_CONNECTION") ?? defaultConnectionString);
        return new LoyaltyDbContext(builder.Options);
    }
}
