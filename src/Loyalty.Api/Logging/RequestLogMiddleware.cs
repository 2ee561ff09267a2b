using System.Diagnostics;
using System.Security.Claims;
using Loyalty.Api.Auth;

namespace Loyalty.Api.Logging;

/// <summary>
/// One log line per request: method, route template, status, duration, who called (partner id or member subject) and
/// the trace id. The route template, not the path, so member numbers and voucher codes in URLs never reach the log;
/// bodies, query strings and headers are never logged. With the JSON console formatter (every environment but
/// Development) each placeholder is a field of its own; Microsoft.AspNetCore's per-request lines are turned down to
/// Warning in appsettings.json, so this is the one line per request. A load balancer's probe that succeeds
/// (<see cref="RequestLogEndpointExtensions.LogFailuresOnly{TBuilder}"/>) writes none: probes were nine lines in ten
/// under load and the console logger's queue is on every request's path; a failing probe is still logged.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var endpoint = context.GetEndpoint();
            if (logger.IsEnabled(LogLevel.Information)
                && !(context.Response.StatusCode is >= 200 and < 300 && endpoint?.Metadata.GetMetadata<LogFailuresOnlyMetadata>() is not null))
            {
                var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                Completed(
                    logger,
                    context.Request.Method,
                    route,
                    context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    Caller(context.User),
                    Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            }
        }
    }

    private static string Caller(ClaimsPrincipal user) =>
        user.FindFirstValue(LoyaltyClaims.PartnerId) is { } partner ? "partner:" + partner
        : user.Identity?.IsAuthenticated == true && user.FindFirstValue(LoyaltyClaims.Subject) is { } subject ? "user:" + Pseudonym(subject)
        : "anonymous";

    /// <summary>
    /// A subject that is an opaque id (a GUID) as it is; any other (an identity provider may use the e-mail address)
    /// as the first 16 hex digits of its SHA-256, so the log never holds personal data yet one user's lines still match.
    /// </summary>
    internal static string Pseudonym(string subject)
    {
        if (Guid.TryParse(subject, out _))
        {
            return subject;
        }

        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject), hash);
        return "#" + Convert.ToHexStringLower(hash[..8]);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Route} {Status} {DurationMs:0.0} ms {Caller} trace {TraceId}")]
    private static partial void Completed(ILogger logger, string method, string route, int status, double durationMs, string caller, string traceId);
}

/// <summary>Marks an endpoint whose successful answers leave no request-log line (the health probes).</summary>
public sealed class LogFailuresOnlyMetadata
{
    public static readonly LogFailuresOnlyMetadata Instance = new();

    private LogFailuresOnlyMetadata()
    {
    }
}

public static class RequestLogEndpointExtensions
{
    /// <summary>Only answers outside 2xx get a request-log line: for probes a load balancer sends every few seconds.</summary>
    public static TBuilder LogFailuresOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(LogFailuresOnlyMetadata.Instance);
}
