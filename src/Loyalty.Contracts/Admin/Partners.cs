namespace Loyalty.Contracts.Admin;

public sealed record CreatePartnerRequest(string Name, string? ContactEmail);

/// <summary>Only the fields present are changed. Status is <c>Active</c> or <c>Suspended</c>.</summary>
public sealed record UpdatePartnerRequest(string? Name, string? ContactEmail, string? Status);

public sealed record PartnerResponse(Guid Id, string Name, string? ContactEmail, string Status, DateTimeOffset CreatedAt);

public sealed record CreateStoreRequest(string Name, string Code, string? City);

public sealed record UpdateStoreRequest(string? Name, string? City, bool? IsActive);

public sealed record StoreResponse(Guid Id, Guid PartnerId, string Name, string Code, string? City, bool IsActive, DateTimeOffset CreatedAt);

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes);

/// <summary><see cref="Key"/> is the secret: it is shown this once and cannot be read again.</summary>
public sealed record ApiKeyCreatedResponse(Guid Id, Guid PartnerId, string Name, string Prefix, string Key, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

public sealed record ApiKeyResponse(Guid Id, Guid PartnerId, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
