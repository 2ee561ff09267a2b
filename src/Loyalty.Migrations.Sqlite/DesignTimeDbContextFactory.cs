using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Migrations.Sqlite;

/// <summary>The Sqlite model for `dotnet ef`.</summary>
public sealed class DesignTimeDbContextFactory() : DesignTimeDbContextFactoryBase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
