using System.Security.Claims;
using Loyalty.Api.Auth;

namespace Loyalty.Api.Endpoints;

/// <summary>Who a partner's API key is, for the partner's self-service routes.</summary>
public static class PartnerCaller
{
    /// <summary>The audit log's actor for a change made with an API key.</summary>
    public static string GetApiKeyActor(this ClaimsPrincipal user) => "api_key:" + user.FindFirstValue(LoyaltyClaims.ApiKeyId);

    public static string[] GetScopes(this ClaimsPrincipal user) => user.FindAll(LoyaltyClaims.Scope).Select(c => c.Value).ToArray();
}
