using System.Security.Claims;

namespace Loyalty.Api.Auth;

/// <summary>Claim names and readers for the three audiences.</summary>
public static class LoyaltyClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string PartnerId = "partner_id";
    public const string ApiKeyId = "api_key_id";
    public const string Scope = "scope";

    /// <summary>The partner's own requests per second, when staff set one.</summary>
    public const string RateLimit = "rate_limit";

    public static string GetSubject(this ClaimsPrincipal user) =>
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("The token has no subject; the member policy should have refused it.");

    public static Guid GetPartnerId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(PartnerId) ?? throw new InvalidOperationException("Not a partner principal."));

    /// <summary>Who an admin is, for the audit log: the token's subject, or its name.</summary>
    public static string GetActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(Subject) ?? user.FindFirstValue("name") ?? user.Identity?.Name ?? "unknown";

    public static bool HasRole(this ClaimsPrincipal user, string role) =>
        user.Claims.Any(c => (c.Type == Role || c.Type == ClaimTypes.Role) && string.Equals(c.Value, role, StringComparison.Ordinal));
}
