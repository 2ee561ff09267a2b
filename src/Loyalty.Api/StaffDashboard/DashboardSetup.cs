using Microsoft.Extensions.FileProviders;

namespace Loyalty.Api.StaffDashboard;

/// <summary>
/// The staff dashboard at /dashboard: a static page, script and styles (src/Loyalty.Api/dashboard, with chart.js
/// copied in by the build). The files carry no data, so they are served to anyone; every figure is fetched by the
/// page from the admin API with the staff token the user signs in with.
/// </summary>
public static class DashboardSetup
{
    public const string Path = "/dashboard";

    /// <summary>
    /// Only the page's own files: no inline script or style, no other origin (chart.js is served from here, so the
    /// API works offline), no framing; data: images for the PNG a chart can be saved as.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication UseLoyaltyDashboard(this WebApplication app)
    {
        var root = System.IO.Path.Combine(AppContext.BaseDirectory, "dashboard");
        if (!Directory.Exists(root))
        {
            return app; // a build without the page (e.g. a trimmed container image): /dashboard is simply 404
        }

        var files = new PhysicalFileProvider(root);
        // Only requests under /dashboard enter the branch; every other request passes it by one prefix check.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase), branch => branch
            .UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path })
            .UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    headers.CacheControl = "no-cache"; // revalidate, so a new build's page and script arrive together
                },
            }));
        return app;
    }
}
