namespace Loyalty.Api.Auth;

/// <summary>
/// Outside Development a bearer configuration must be complete, or every member and staff token would fail with 401
/// while the API looks healthy. Either an Authority (keys and issuer from its metadata) or an issuer, at least one
/// audience and at least one signing key under Authentication:Schemes:Bearer.
/// </summary>
public static class BearerConfigurationCheck
{
    public const string Section = "Authentication:Schemes:Bearer";

    /// <summary>What is missing, or null when the configuration can validate tokens.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var bearer = configuration.GetSection(Section);
        if (!string.IsNullOrWhiteSpace(bearer["Authority"]))
        {
            return null;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(bearer["ValidIssuer"]) && !bearer.GetSection("ValidIssuers").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            missing.Add("ValidIssuer");
        }

        if (string.IsNullOrWhiteSpace(bearer["ValidAudience"]) && !bearer.GetSection("ValidAudiences").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            missing.Add("ValidAudiences");
        }

        if (!bearer.GetSection("SigningKeys").GetChildren().Any(k => !string.IsNullOrWhiteSpace(k["Value"])))
        {
            missing.Add("SigningKeys");
        }

        return missing.Count == 0
            ? null
            : $"JWT bearer authentication is not configured: set {Section}:Authority, or {string.Join(", ", missing.Select(m => $"{Section}:{m}"))}. " +
              "Without it every member and staff token would be refused.";
    }

    /// <summary>Stops start-up outside Development when tokens could not be validated.</summary>
    public static void EnsureConfigured(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() && Problem(configuration) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
