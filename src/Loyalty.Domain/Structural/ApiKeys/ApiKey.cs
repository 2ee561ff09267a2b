using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.ApiKeys;

/// <summary>What a partner key may do. A key carries only the scopes its partner asked for.</summary>
public static class ApiKeyScopes
{
    public const string MembersRead = "members:read";
    public const string MembersEnrol = "members:enrol";

    /// <summary>Find a card by an exact e-mail or phone (answers the member id and card number only).</summary>
    public const string MembersLookup = "members:lookup";

    /// <summary>Record consents the customer gives or withdraws at the till.</summary>
    public const string MembersConsents = "members:consents";

    /// <summary>Read and write the partner's own namespaced attributes of members.</summary>
    public const string MembersAttributes = "members:attributes";
    public const string PointsEarn = "points:earn";
    public const string PointsRedeem = "points:redeem";
    public const string TransactionsImport = "transactions:import";
    public const string WebhooksManage = "webhooks:manage";

    /// <summary>Open a service case for a member at one of the partner's stores.</summary>
    public const string CasesOpen = "cases:open";

    /// <summary>The partner's back office: its stores, keys and settlement. Never given to existing keys.</summary>
    public const string PartnerManage = "partner:manage";

    public static IReadOnlyList<string> All { get; } = [MembersRead, MembersEnrol, MembersLookup, MembersConsents, MembersAttributes, PointsEarn, PointsRedeem, TransactionsImport, WebhooksManage, PartnerManage, CasesOpen];
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

    /// <summary>Stamped by API-key sign-in with a set-based update, not through this entity, and only coarsely to spare writes.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Set when the key was rotated: it is accepted until then (the grace period), refused from then on.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static TimeSpan DefaultGrace { get; } = TimeSpan.FromHours(24);

    public static TimeSpan MaxGrace { get; } = TimeSpan.FromDays(7);

    /// <summary>Whether a key with these dates authenticates at <paramref name="now"/>.</summary>
    public static bool IsActive(DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        revokedAt is null && (expiresAt is null || now < expiresAt);

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
            Name = Names.Clean(name),
            Prefix = prefix,
            SecretHash = secretHash,
            Scopes = string.Join(' ', distinct),
            CreatedAt = now,
        };
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>
    /// Replaces this key with a new one holding the same scopes. This key stays valid for <paramref name="grace"/>
    /// (default 24 h, at most 7 days, zero = refused at once) so the partner can roll the new secret out.
    /// A key is rotated once: rotate its successor next time.
    /// </summary>
    public ApiKey Rotate(string prefix, byte[] secretHash, DateTimeOffset now, TimeSpan? grace)
    {
        var period = grace ?? DefaultGrace;
        if (period < TimeSpan.Zero || period > MaxGrace)
        {
            throw new DomainException("invalid_grace_period", $"The grace period is between 0 and {MaxGrace.TotalHours} hours.");
        }

        if (!IsActive(RevokedAt, ExpiresAt, now))
        {
            throw new DomainException("api_key_not_active", "A revoked or expired key cannot be rotated.");
        }

        if (ExpiresAt is not null)
        {
            throw new DomainException("api_key_already_rotated", "This key was already rotated; rotate its successor.");
        }

        ExpiresAt = now + period;
        return Issue(PartnerId, Name, prefix, secretHash, ScopeList, now);
    }
}
