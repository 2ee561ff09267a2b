using System.Globalization;
using System.Net;
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
        services.AddRateLimiter(_ => { });
        // The partitioners run on every request: their keys are small values (no strings joined per request) and
        // their limiter factories are made once here, with the cluster's membership at hand.
        services.AddOptions<RateLimiterOptions>().Configure<ClusterMembership>((o, cluster) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Anyone who is not authenticated is limited per address: readiness probes, and callers guessing keys or tokens.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, CallerKey>(context => context.User.Identity?.IsAuthenticated == true
                ? Authenticated
                : new RateLimitPartition<CallerKey>(new CallerKey(null, context.Connection.RemoteIpAddress, limits.AnonymousPermitsPerMinute), PerMinuteOfKey));
            // A partner's own limit (admin-set, carried by its cached key) or the default. The limit is part of the
            // partition key, so a changed limit starts a fresh window instead of reusing the old limiter.
            o.AddPolicy(PartnerPolicy, context =>
            {
                var permits = int.TryParse(context.User.FindFirst(LoyaltyClaims.RateLimit)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var own)
                    ? own
                    : limits.PartnerPermitsPerSecond;
                return new RateLimitPartition<CallerKey>(Key(context, LoyaltyClaims.PartnerId, cluster.ShareOf(permits)), PerSecondOfKey);
            });
            o.AddPolicy(MemberPolicy, context => PerSubjectPerMinute(context, cluster.ShareOf(limits.MemberPermitsPerMinute)));
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

    private static readonly RateLimitPartition<CallerKey> Authenticated = RateLimitPartition.GetNoLimiter(new CallerKey(null, null, int.MinValue));

    private static readonly Func<CallerKey, RateLimiter> PerSecondOfKey = key =>
        new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = key.Permits, Window = TimeSpan.FromSeconds(1) });

    private static readonly Func<CallerKey, RateLimiter> PerMinuteOfKey = key =>
        new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = key.Permits, Window = TimeSpan.FromMinutes(1) });

    // Members and staff are both bearer tokens, counted by subject; each policy keeps its own partitions. The share of a
    // cluster-wide total is part of the key with the limit, so a change in the number of instances starts fresh
    // windows at the new share.
    private static RateLimitPartition<CallerKey> PerSubjectPerMinute(HttpContext context, int permits) =>
        new(Key(context, LoyaltyClaims.Subject, permits), PerMinuteOfKey);

    // The caller's id from its claims; a caller without one (not authenticated: authorisation refuses it after the
    // limiter) is counted by its address.
    private static CallerKey Key(HttpContext context, string claim, int permits) =>
        context.User.FindFirst(claim)?.Value is { } id
            ? new CallerKey(id, null, permits)
            : new CallerKey(null, context.Connection.RemoteIpAddress, permits);

    /// <summary>A partition: who (an id from the caller's claims, or else its address) and at which limit.</summary>
    private readonly record struct CallerKey(string? Id, IPAddress? Address, int Permits);
}
