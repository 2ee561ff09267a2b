using System.Globalization;
using System.Threading.RateLimiting;
using Loyalty.Api.Auth;
using Loyalty.Api.Errors;
using Loyalty.Contracts;
using Loyalty.Infrastructure.Scaling;
using Microsoft.AspNetCore.RateLimiting;

namespace Loyalty.Api.RateLimiting;

/// <summary>
/// Requests per window for each audience; configured under <c>RateLimiting</c>. The partner and member limits are
/// totals across all instances on the database: each instance enforces its share (the total divided by the live
/// instances, see <see cref="ClusterMembership"/>), so no request waits for a shared counter. Staff and anonymous
/// limits stay per instance.
/// </summary>
public sealed class RateLimitOptions
{
    public int PartnerPermitsPerSecond { get; set; } = 100;

    public int MemberPermitsPerMinute { get; set; } = 120;

    /// <summary>Per staff user (the token's subject), across the admin API.</summary>
    public int AdminPermitsPerMinute { get; set; } = 300;

    /// <summary>Unauthenticated callers (health probes, bad credentials), per client address.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 300;
}

/// <summary>
/// Partners are limited per partner, members per member, staff per staff user, unauthenticated callers per client address. Rejections are 429
/// problem details with <c>Retry-After</c> (the limiter's own default would be a bare 503).
/// </summary>
public static class RateLimitSetup
{
    public const string PartnerPolicy = "partner";
    public const string MemberPolicy = "member";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddLoyaltyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimiting").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Anyone who is not authenticated is limited per address: health probes, and callers guessing keys or tokens.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("authenticated")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "anonymous:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AnonymousPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // A partner's own limit (admin-set, carried by its cached key) or the default. The limit is part of the
            // partition key, so a changed limit starts a fresh window instead of reusing the old limiter.
            o.AddPolicy(PartnerPolicy, context =>
            {
                var permits = int.TryParse(context.User.FindFirst(LoyaltyClaims.RateLimit)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var own)
                    ? own
                    : limits.PartnerPermitsPerSecond;
                var partner = context.User.FindFirst(LoyaltyClaims.PartnerId)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress;
                var share = ShareOf(context, permits);
                return RateLimitPartition.GetFixedWindowLimiter(
                    partner + "/" + share.ToString(CultureInfo.InvariantCulture),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = share, Window = TimeSpan.FromSeconds(1) });
            });
            o.AddPolicy(MemberPolicy, context => PerSubjectPerMinute(context, ShareOf(context, limits.MemberPermitsPerMinute)));
            o.AddPolicy(AdminPolicy, context => PerSubjectPerMinute(context, limits.AdminPermitsPerMinute));
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

    // This instance's part of a cluster-wide total. It is part of the partition key with the limit, so a change in
    // the number of instances starts fresh windows at the new share.
    private static int ShareOf(HttpContext context, int total) =>
        context.RequestServices.GetRequiredService<ClusterMembership>().ShareOf(total);

    // Members and staff are both bearer tokens, counted by subject; each policy keeps its own partitions.
    private static RateLimitPartition<string> PerSubjectPerMinute(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            (context.User.FindFirst(LoyaltyClaims.Subject)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress) + "/" + permits.ToString(CultureInfo.InvariantCulture),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
}
