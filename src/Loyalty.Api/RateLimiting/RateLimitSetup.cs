using System.Globalization;
using System.Threading.RateLimiting;
using Loyalty.Api.Auth;
using Loyalty.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Loyalty.Api.RateLimiting;

/// <summary>Requests per window for each audience; configured under <c>RateLimiting</c>.</summary>
public sealed class RateLimitOptions
{
    public int PartnerPermitsPerSecond { get; set; } = 100;

    public int MemberPermitsPerMinute { get; set; } = 120;

    public int AnonymousPermitsPerMinute { get; set; } = 60;
}

/// <summary>
/// Partners are limited per partner, members per member, anyone else per client address. Rejections are 429
/// problem details with <c>Retry-After</c> (the limiter's own default would be a bare 503).
/// </summary>
public static class RateLimitSetup
{
    public const string PartnerPolicy = "partner";
    public const string MemberPolicy = "member";

    public static IServiceCollection AddLoyaltyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimiting").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PartnerPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(LoyaltyClaims.PartnerId)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PartnerPermitsPerSecond, Window = TimeSpan.FromSeconds(1) }));
            o.AddPolicy(MemberPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(LoyaltyClaims.Subject)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.MemberPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = Problems.Create(429, ErrorCodes.RateLimited, "Too many requests.", $"Slow down and retry after {seconds} second(s)."),
                });
            };
        });
        return services;
    }
}
