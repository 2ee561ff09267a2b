using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.ApiKeys;

/// <summary>What a partner key may do. A key carries only the scopes its partner asked for.</summary>
public static class ApiKeyScopes
{
    public const string MembersRead = "members:read";
    public const string MembersEnrol = "members:enrol";
    public const string PointsEarn = "points:earn";
    public const string PointsRedeem = "points:redeem";
    public const string TransactionsImport = "transactions:import";
    public const string WebhooksManage = "webhooks:manage";

    public static IReadOnlyList<string> All { get; } = [MembersRead, MembersEnrol, PointsEarn, PointsRedeem, TransactionsImport, WebhooksManage];
}

/// <summary>
/// A partner's API key. The secret is shown once at creation; only its SHA-256 hash is stored, and the
/// public <see cref="Prefix"/> finds the row without scanning hashes.
/// </summary>
public sealed class ApiKey
{
    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public string Name { get; private set; } = "";

    public string Prefix { get; private set; } = "";

    public byte[] SecretHash { get; private set; } = [];

    /// <summary>Space-separated scopes, as in OAuth.</summary>
    public string Scopes { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static ApiKey Issue(Guid partnerId, string name, string prefix, byte[] secretHash, IEnumerable<string> scopes, DateTimeOffset now)
    {
        var distinct = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var unknown = distinct.Except(ApiKeyScopes.All).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException("unknown_scope", $"Unknown scope(s): {string.Join(", ", unknown)}.");
        }

        return new ApiKey
        {
            Id = EntityId.New(),
            PartnerId = partnerId,
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = secretHash,
            Scopes = string.Join(' ', distinct),
            CreatedAt = now,
        };
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
