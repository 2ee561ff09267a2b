using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Migrations.SqlServer;

/// <summary>The SqlServer model for `dotnet ef`.</summary>
public sealed class DesignTimeDbContextFactory() : DesignTimeDbContextFactoryBase(DatabaseProvider.SqlServer, "Server=localhost;Database=loyalty;Trusted_Connection=True;TrustServerCertificate=True");
