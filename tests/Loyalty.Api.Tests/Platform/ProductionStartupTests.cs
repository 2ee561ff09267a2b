using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;

namespace Loyalty.Api.Tests.Platform;

/// <summary>In Production the API refuses to start without a way to validate bearer tokens, and trusts no development issuer.</summary>
public sealed class ProductionStartupTests
{
    [Fact]
    public async Task Production_without_a_jwt_configuration_fails_at_start_up_with_a_clear_message()
    {
        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        await using var production = api.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", "");
            b.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", "");
            b.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", "");
        });

        var failure = Assert.Throws<InvalidOperationException>(() => production.Server);
        Assert.Contains("JWT bearer authentication is not configured", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication:Schemes:Bearer:ValidIssuer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_settings_trust_no_development_issuer_or_localhost_audience()
    {
        var settings = File.ReadAllText(Path.Combine(Snapshots.RepositoryRoot, "src", "Loyalty.Api", "appsettings.json"));
        Assert.DoesNotContain("dotnet-user-jwts", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", settings, StringComparison.Ordinal);
    }
}
