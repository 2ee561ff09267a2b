using Loyalty.Application.Abstractions;
using Loyalty.Domain.Structural.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loyalty.Api.Auth;

/// <summary>Authentication schemes and one authorisation policy per audience (and per partner scope).</summary>
public static class AuthSetup
{
    public const string MemberPolicy = "member";
    public const string AdminPolicy = "admin";
    public const string ProgrammePolicy = "programme";

    /// <summary>Account managers on their own portfolio, administrators on every one (<see cref="PortfolioRequirement"/>).</summary>
    public const string AccountManagementPolicy = "account-management";

    public static string ScopePolicy(string scope) => "partner:" + scope;

    /// <summary>The default scheme: the API key handler when the request sends X-Api-Key, else the bearer handler.</summary>
    public const string CallerScheme = "BearerOrApiKey";

    public static IServiceCollection AddLoyaltyAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton(new BearerTokenCache(TimeProvider.System)); // wall clock: see BearerTokenCache
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblemHandler>();
        services.AddSingleton<ICredentialCache>(sp => sp.GetRequiredService<ApiKeyCache>());

        // The caller's scheme is chosen by what it sends: a partner's X-Api-Key, otherwise a bearer token. So
        // authentication signs partners in before the rate limiter, which then counts per partner, not per address.
        // Issuer, audiences and signing keys come from Authentication:Schemes:Bearer (dotnet user-jwts writes them in Development).
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.IncludeErrorDetails = false; // WWW-Authenticate says "Bearer", not why a token failed (key ids, lifetimes)
                o.MapInboundClaims = false; // keep "sub" and "role" as they are in the token
                o.TokenValidationParameters.NameClaimType = LoyaltyClaims.Subject;
                o.TokenValidationParameters.RoleClaimType = LoyaltyClaims.Role;
                o.Events = BearerTokenCache.Events(); // a token that validated seconds ago is not validated again
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(MemberPolicy, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(LoyaltyClaims.Subject))
            .AddPolicy(AdminPolicy, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAssertion(c => c.User.HasRole("admin")))
            .AddPolicy(ProgrammePolicy, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAssertion(c => c.User.HasRole("admin") || c.User.HasRole("marketing")))
            .AddPolicy(AccountManagementPolicy, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAssertion(c => c.User.HasRole("admin") || c.User.HasRole(PortfolioAuthorizationHandler.Role))
                .AddRequirements(new PortfolioRequirement()));
        services.AddSingleton<IAuthorizationHandler, PortfolioAuthorizationHandler>();
        services.Replace(ServiceDescriptor.Transient<IPolicyEvaluator, SingleAuthenticationPolicyEvaluator>());
        foreach (var scope in ApiKeyScopes.All)
        {
            authorization.AddPolicy(ScopePolicy(scope), p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(LoyaltyClaims.PartnerId)
                .RequireClaim(LoyaltyClaims.Scope, scope));
        }

        return services;
    }
}
