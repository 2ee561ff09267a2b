using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Api.Auth;

/// <summary>
/// Bearer tokens that validated in the last few seconds, with the principal they gave: an app that polls the balance
/// sends the same token again and again, and checking its signature, issuer, audience and lifetime again (a fresh copy of
/// the validation parameters, the JSON parsed, the HMAC computed, the claims built) each time is most of an
/// authenticated read's work outside the database. A token is found by its exact text, only after it validated, for
/// <see cref="Lifetime"/> and never past its own expiry, so a cached answer is one the handler gave moments ago for the
/// same bytes; a change of signing keys reaches every token within <see cref="Lifetime"/>. The cache is bounded.
/// </summary>
public sealed class BearerTokenCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    // The bearer handler checks a token's lifetime against the wall clock (not the API's TimeProvider), so its expiry
    // is compared with that clock here too.
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public BearerTokenCache(TimeProvider clock)
    {
        _clock = clock;
        _byText = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The principal of a token that validated recently, looked up without copying the header's text.</summary>
    public ClaimsPrincipal? Find(ReadOnlySpan<char> token) =>
        _byText.TryGetValue(token, out var entry) && _clock.GetUtcNow() < entry.Until ? entry.Principal : null;

    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset validTo)
    {
        var until = _clock.GetUtcNow() + Lifetime;
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        // Shared by concurrent requests from now on: a copy whose claims are all built now, nothing created lazily later.
        var copy = new ClaimsPrincipal(principal.Identities.Select(i => new CaseSensitiveClaimsIdentity(i.Claims, i.AuthenticationType, i.NameClaimType, i.RoleClaimType)));
        _entries[token] = new Entry(copy, validTo < until ? validTo : until);
    }

    /// <summary>Hooks the cache into the bearer handler: a hit answers before validation, a validation fills it.</summary>
    public static JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            var header = context.Request.Headers.Authorization;
            if (header.Count == 1 && header[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && context.HttpContext.RequestServices.GetRequiredService<BearerTokenCache>().Find(value.AsSpan(7).Trim()) is { } principal)
            {
                context.Principal = principal;
                context.Success();
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (context.Principal is { } principal && context.SecurityToken is { } token && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                var validTo = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
                context.HttpContext.RequestServices.GetRequiredService<BearerTokenCache>().Remember(header[7..].Trim(), principal, validTo);
            }

            return Task.CompletedTask;
        },
    };

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);
}
