using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Migrations.PostgreSql;

/// <summary>The PostgreSql model for `dotnet ef`.</summary>
public sealed class DesignTimeDbContextFactory() : DesignTimeDbContextFactoryBase(DatabaseProvider.PostgreSql, "Host=localhost;Database=loyalty;Username=postgres");
