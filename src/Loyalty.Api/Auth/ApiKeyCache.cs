using System.Collections.Concurrent;
using Loyalty.Application.Abstractions;
using Loyalty.Domain.Structural.Partners;

namespace Loyalty.Api.Auth;

/// <summary>What authenticating a key needs to know, as read from the database.</summary>
public sealed record ApiKeyRecord(Guid Id, Guid PartnerId, byte[] SecretHash, string Scopes, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, PartnerStatus PartnerStatus, DateTimeOffset? ExpiresAt = null, int? RateLimitPerSecond = null)
{
    // The claims' texts, worked out once per cached key instead of on every request it authenticates.
    internal string IdText { get; } = Id.ToString();

    internal string PartnerIdText { get; } = PartnerId.ToString();

    internal string? RateLimitText { get; } = RateLimitPerSecond?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal string[] ScopeList { get; } = Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Keys that authenticated recently, by prefix, for <see cref="Lifetime"/>. Only keys that were found are cached
/// (an attacker's random prefixes cannot fill it), the hash is still compared on every call, and the cache is
/// bounded. Revocation, rotation and partner suspension clear it through <see cref="ICredentialCache"/>: on this
/// instance at once, on the others when their cluster watcher sees the credentials' stamp move (within a second).
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock) : ICredentialCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyRecord Key, DateTimeOffset LoadedAt)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Moves on every <see cref="Invalidate"/>; read it before loading a key and pass it to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ApiKeyRecord? Find(string prefix)
    {
        if (_entries.TryGetValue(prefix, out var entry))
        {
            var age = clock.GetUtcNow() - entry.LoadedAt;
            if (age >= TimeSpan.Zero && age < Lifetime)
            {
                return entry.Key;
            }

            _entries.TryRemove(prefix, out _);
        }

        return null;
    }

    /// <summary>
    /// Caches <paramref name="key"/> unless the cache was cleared since <paramref name="loadedAtGeneration"/>: a key
    /// read just before a revocation must not be cached after it.
    /// </summary>
    public void Remember(string prefix, ApiKeyRecord key, long? loadedAtGeneration = null)
    {
        if (loadedAtGeneration is { } seen && seen != Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[prefix] = (key, clock.GetUtcNow());
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
