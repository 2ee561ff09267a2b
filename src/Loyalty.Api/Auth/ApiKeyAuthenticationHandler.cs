using System.Security.Claims;
using System.Text.Encodings.Web;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Api.Auth;

/// <summary>
/// Authenticates partner systems by <c>X-Api-Key</c>: finds the key by its public prefix, compares the hash in
/// constant time, and refuses revoked keys and suspended partners. Scopes become <c>scope</c> claims. Keys found are
/// cached for a few seconds (<see cref="ApiKeyCache"/>), so a busy till costs no database read to authenticate.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<LoyaltyDbContext> contexts,
    ApiKeyCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    // Writing last-used on every call would turn each read into a write; once a minute is precise enough.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = values.ToString();
        var prefix = ApiKeySecret.TryGetPrefix(presented);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var key = cache.Find(prefix);
        if (key is null)
        {
            var generation = cache.Generation;
            await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
            key = await (from k in db.ApiKeys.AsNoTracking()
                         join p in db.Partners.AsNoTracking() on k.PartnerId equals p.Id
                         where k.Prefix == prefix
                         select new ApiKeyRecord(k.Id, k.PartnerId, k.SecretHash, k.Scopes, k.RevokedAt, k.LastUsedAt, p.Status, k.ExpiresAt, p.RateLimitPerSecond))
                        .SingleOrDefaultAsync(Context.RequestAborted);
            if (key is not null)
            {
                cache.Remember(prefix, key, generation);
            }
        }

        if (key is null || !ApiKeySecret.Matches(presented, key.SecretHash))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key was revoked.");
        }

        // Checked against the clock on every call, so a cached key stops working the moment its grace period ends.
        var now = clock.GetUtcNow();
        if (!ApiKey.IsActive(null, key.ExpiresAt, now))
        {
            return AuthenticateResult.Fail("The API key expired after it was rotated.");
        }

        if (key.PartnerStatus != PartnerStatus.Active)
        {
            return AuthenticateResult.Fail("The partner is suspended.");
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            // Remember the write first so concurrent calls with this key do not all make it.
            cache.Remember(prefix, key with { LastUsedAt = now });
            await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        // Claims made for this identity are added as they are (a claim of another subject would be copied).
        var identity = new ClaimsIdentity(SchemeName, LoyaltyClaims.PartnerId, LoyaltyClaims.Role);
        identity.AddClaim(new Claim(LoyaltyClaims.PartnerId, key.PartnerIdText, null, null, null, identity));
        identity.AddClaim(new Claim(LoyaltyClaims.ApiKeyId, key.IdText, null, null, null, identity));
        if (key.RateLimitText is { } limit)
        {
            identity.AddClaim(new Claim(LoyaltyClaims.RateLimit, limit, null, null, null, identity));
        }

        foreach (var scope in key.ScopeList)
        {
            identity.AddClaim(new Claim(LoyaltyClaims.Scope, scope, null, null, null, identity));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
