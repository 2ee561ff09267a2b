using Loyalty.Api.Auth;
using Loyalty.Api.Errors;
using Loyalty.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Loyalty.Api.OpenApi;

/// <summary>Who may read the admin document (<c>OpenApi:AdminDocument</c>).</summary>
public enum AdminDocumentAccess
{
    /// <summary>Served to anyone, like the member and partner documents (the default in Development and Testing).</summary>
    Public,

    /// <summary>Served only with an admin bearer token (the default elsewhere, Production included).</summary>
    AdminsOnly,

    /// <summary>Not served at all.</summary>
    Hidden,
}

/// <summary>
/// Serves the three OpenAPI documents and Swagger UI. The member and partner documents describe what any app or
/// partner integrates with and stay public; the admin document maps the back office, so outside Development it is
/// served only to admins, or not at all, by configuration.
/// </summary>
public static class OpenApiExposure
{
    public const string AdminDocumentSetting = "OpenApi:AdminDocument";

    public static AdminDocumentAccess AdminAccess(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<AdminDocumentAccess?>(AdminDocumentSetting)
        ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing") ? AdminDocumentAccess.Public : AdminDocumentAccess.AdminsOnly);

    private static readonly PathString Prefix = "/swagger";
    private static readonly PathString AdminDocumentPath = $"/swagger/{OpenApiDocuments.Admin}";

    public static WebApplication UseLoyaltyOpenApi(this WebApplication app)
    {
        var access = AdminAccess(app.Configuration, app.Environment);
        // Only requests under /swagger enter the branch: every other request passes the document and UI middlewares
        // by one prefix check (Swagger UI would otherwise match its own paths on every API request).
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase), branch =>
        {
            if (access != AdminDocumentAccess.Public)
            {
                branch.Use(async (context, next) =>
                {
                    if (!context.Request.Path.StartsWithSegments(AdminDocumentPath, StringComparison.OrdinalIgnoreCase))
                    {
                        await next(context);
                        return;
                    }

                    var problem = access == AdminDocumentAccess.Hidden ? Problems.Create(404, ErrorCodes.NotFound, "Not found.") : await RefusalAsync(context);
                    if (problem is null)
                    {
                        await next(context);
                        return;
                    }

                    context.Response.StatusCode = problem.Status ?? 403;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                });
            }

            branch.UseSwagger(o => o.RouteTemplate = "swagger/{documentName}/swagger.json");
            branch.UseSwaggerUI(o =>
            {
                // Swagger UI fetches documents without credentials, so it lists the admin document only where it is public.
                foreach (var document in OpenApiDocuments.All.Where(d => d != OpenApiDocuments.Admin || access == AdminDocumentAccess.Public))
                {
                    o.SwaggerEndpoint($"/swagger/{document}/swagger.json", $"Loyalty {document} API");
                }
            });
        });
        return app;
    }

    // The document pipeline runs before authentication, so the bearer token is checked here, as the admin routes check it.
    private static async Task<Microsoft.AspNetCore.Mvc.ProblemDetails?> RefusalAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Create(401, ErrorCodes.Unauthenticated, "Authentication is required.", "The admin API document is served to administrators only: send an admin bearer token.");
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        var allowed = await authorization.AuthorizeAsync(result.Principal, AuthSetup.AdminPolicy);
        return allowed.Succeeded ? null : Problems.Create(403, ErrorCodes.Forbidden, "Not allowed.", "The admin API document is served to administrators only.");
    }
}
