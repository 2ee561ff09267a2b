namespace Loyalty.Contracts.Admin;

/// <summary>Whether a partner may use the API.</summary>
public enum PartnerStatus
{
    Active,
    Suspended,
}

public sealed record CreatePartnerRequest(string Name, string? ContactEmail);

/// <summary>Only the fields present are changed. Status is <c>active</c> or <c>suspended</c>.</summary>
public sealed record UpdatePartnerRequest(string? Name, string? ContactEmail, PartnerStatus? Status);

/// <summary><see cref="RateLimitPerSecond"/>: null = the platform default.</summary>
public sealed record PartnerResponse(Guid Id, string Name, string? ContactEmail, PartnerStatus Status, DateTimeOffset CreatedAt, int? RateLimitPerSecond = null);

/// <summary>Requests per second for one partner (1–10,000); null puts the platform default back.</summary>
public sealed record PartnerRateLimitRequest(int? PermitsPerSecond);

/// <summary>
/// Rotate a key: <see cref="GraceMinutes"/> is how long the old key is still accepted (default 1440 = 24 h, at most
/// 10080 = 7 days, 0 = refused at once).
/// </summary>
public sealed record RotateApiKeyRequest(int? GraceMinutes);

public sealed record CreateStoreRequest(string Name, string Code, string? City);

public sealed record UpdateStoreRequest(string? Name, string? City, bool? IsActive);

public sealed record StoreResponse(Guid Id, Guid PartnerId, string Name, string Code, string? City, bool IsActive, DateTimeOffset CreatedAt);

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes);

/// <summary><see cref="Key"/> is the secret: it is shown this once and cannot be read again.</summary>
public sealed record ApiKeyCreatedResponse(Guid Id, Guid PartnerId, string Name, string Prefix, string Key, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

public sealed record ApiKeyResponse(Guid Id, Guid PartnerId, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt = null);
