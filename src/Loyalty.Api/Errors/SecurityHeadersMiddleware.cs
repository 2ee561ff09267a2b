namespace Loyalty.Api.Errors;

/// <summary>
/// Headers every response carries: <c>X-Content-Type-Options: nosniff</c> (a browser never reads a JSON error or a CSV
/// export as HTML), and <c>Cache-Control: no-store</c> on every API response. No-store covers all of /api, not only
/// /me and the admin member reads: every API answer is for one caller (balances, cards, settlements, keys), none is
/// meant for a shared cache, and one rule cannot miss a new personal-data route.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts, so error pages, 401 challenges and rejections get them too. A static callback
        // with the context as its state: no closure allocated per request.
        context.Response.OnStarting(SetHeaders, context);
        return next(context);
    }

    private static Task SetHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
