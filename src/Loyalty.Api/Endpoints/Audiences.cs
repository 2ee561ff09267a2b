using Loyalty.Api.Auth;
using Loyalty.Api.RateLimiting;

namespace Loyalty.Api.Endpoints;

/// <summary>
/// The API's audiences, each set up once: URL prefix, OpenAPI document, who may call it and its rate limit. The area
/// files under Endpoints/&lt;Layer&gt;/ map their routes on these groups, named like the Application's Features/&lt;Layer&gt;/&lt;Area&gt;.
/// </summary>
/// <remarks>
/// Conventions added to these groups reach every route of the audience, so tags and filters go on a sub-group of
/// one's own: <c>api.Admin.MapGroup("").WithTags("Insight")</c>, never <c>api.Admin.WithTags(...)</c>.
/// </remarks>
public sealed class Audiences
{
    private Audiences(IEndpointRouteBuilder app)
    {
        Member = app.MapMemberApi();
        Partner = app.MapPartnerApi();
        var staff = app.MapAdminApi();
        Admin = staff.MapGroup("").RequireAuthorization(AuthSetup.AdminPolicy);
        Programme = staff.MapGroup("").RequireAuthorization(AuthSetup.ProgrammePolicy);
        AccountManagement = staff.MapGroup("").RequireAuthorization(AuthSetup.AccountManagementPolicy);
    }

    /// <summary>The mobile app under /api/v1/me: the member's bearer token, limited per member.</summary>
    public RouteGroupBuilder Member { get; }

    /// <summary>Partner systems under /api/v1/partner: an API key, limited per partner; each route names the scope it needs (<see cref="EndpointAccess.RequireScope{TBuilder}"/>).</summary>
    public RouteGroupBuilder Partner { get; }

    /// <summary>Staff with the admin role under /api/v1/admin, limited per staff user.</summary>
    public RouteGroupBuilder Admin { get; }

    /// <summary>Programme configuration under /api/v1/admin, open to marketing staff as well as administrators, limited per staff user.</summary>
    public RouteGroupBuilder Programme { get; }

    /// <summary>
    /// Account management under /api/v1/admin: staff with the account-manager role on their own portfolio, administrators
    /// on every one; the policy checks the portfolio before the route runs (<see cref="PortfolioRequirement"/>).
    /// </summary>
    public RouteGroupBuilder AccountManagement { get; }

    public static Audiences Map(IEndpointRouteBuilder app) => new(app);
}

/// <summary>One helper per audience; <see cref="Audiences"/> calls each once.</summary>
public static class EndpointAccess
{
    public static RouteGroupBuilder MapMemberApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/me").WithGroupName(OpenApiDocuments.Member)
            .RequireAuthorization(AuthSetup.MemberPolicy).RequireRateLimiting(RateLimitSetup.MemberPolicy);

    /// <summary>Authorisation is per route: the scope policy also names the API key scheme.</summary>
    public static RouteGroupBuilder MapPartnerApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/partner").WithGroupName(OpenApiDocuments.Partner).RequireRateLimiting(RateLimitSetup.PartnerPolicy);

    /// <summary>Authorisation is by role, admin or programme staff (see <see cref="Audiences"/>).</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).RequireRateLimiting(RateLimitSetup.AdminPolicy);

    /// <summary>A partner route open to API keys holding <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AuthSetup.ScopePolicy(scope));
}
