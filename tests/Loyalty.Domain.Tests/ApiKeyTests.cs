using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.ApiKeys;

namespace Loyalty.Domain.Tests;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unknown_scope_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Issue(ApiKeyScopes.MembersRead, "points:steal"));

        Assert.Equal("unknown_scope", error.Code);
        Assert.Contains("points:steal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_names_are_case_sensitive()
    {
        var error = Assert.Throws<DomainException>(() => Issue("Members:Read"));

        Assert.Equal("unknown_scope", error.Code);
    }

    [Fact]
    public void Scopes_are_de_duplicated_and_sorted()
    {
        var key = Issue(ApiKeyScopes.PointsRedeem, ApiKeyScopes.MembersRead, ApiKeyScopes.PointsRedeem, ApiKeyScopes.MembersEnrol);

        Assert.Equal([ApiKeyScopes.MembersEnrol, ApiKeyScopes.MembersRead, ApiKeyScopes.PointsRedeem], key.ScopeList);
        Assert.Equal("members:enrol members:read points:redeem", key.Scopes);
    }

    [Fact]
    public void Issue_keeps_the_partner_prefix_and_hash_and_starts_unrevoked()
    {
        var partnerId = Guid.NewGuid();
        var (prefix, secret) = ApiKeySecret.Generate();
        var hash = ApiKeySecret.Hash(secret);

        var key = ApiKey.Issue(partnerId, "  till  ", prefix, hash, ApiKeyScopes.All, Now);

        Assert.Equal((partnerId, "till", prefix, Now), (key.PartnerId, key.Name, key.Prefix, key.CreatedAt));
        Assert.True(ApiKeySecret.Matches(secret, key.SecretHash));
        Assert.False(key.IsRevoked);
        Assert.Null(key.RevokedAt);
    }

    [Fact]
    public void Revoke_is_idempotent_and_keeps_the_first_revocation_time()
    {
        var key = Issue(ApiKeyScopes.MembersRead);

        key.Revoke(Now.AddDays(1));
        key.Revoke(Now.AddDays(2));

        Assert.True(key.IsRevoked);
        Assert.Equal(Now.AddDays(1), key.RevokedAt);
    }

    private static ApiKey Issue(params string[] scopes) =>
        ApiKey.Issue(Guid.NewGuid(), "till", "abcdefghij", [1, 2, 3], scopes, Now);
}
