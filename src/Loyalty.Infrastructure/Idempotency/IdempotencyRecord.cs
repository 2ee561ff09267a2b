namespace Loyalty.Infrastructure.Idempotency;

/// <summary>
/// One caller's use of one <c>Idempotency-Key</c>. While <see cref="StatusCode"/> is null the first request is
/// still running (or died: <see cref="LockedUntil"/> lets a retry take over after a crash). Once set, the stored
/// response is what every replay gets.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who used the key, e.g. <c>partner:{id}</c>: keys of different callers never meet.</summary>
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of method, path and body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? ResponseBody { get; set; }

    /// <summary>
    /// Set inside the business transaction of the request that owns the key: its effects are committed even if
    /// its response never made it into <see cref="ResponseBody"/>.
    /// </summary>
    public DateTimeOffset? CommittedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LockedUntil { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
