using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Partners;

namespace Loyalty.Domain.Tests;

public sealed class ApiKeyRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ApiKey Key(params string[] scopes) =>
        ApiKey.Issue(Guid.NewGuid(), "till", "lk_old", [1, 2, 3], scopes, Now.AddDays(-30));

    [Fact]
    public void The_successor_has_the_same_partner_name_and_scopes_and_the_old_key_runs_out_after_24_hours_by_default()
    {
        var old = Key(ApiKeyScopes.PointsEarn, ApiKeyScopes.MembersRead);

        var successor = old.Rotate("lk_new", [4, 5, 6], Now, null);

        Assert.Equal((old.PartnerId, old.Name, old.Scopes), (successor.PartnerId, successor.Name, successor.Scopes));
        Assert.NotEqual(old.Id, successor.Id);
        Assert.Null(successor.ExpiresAt);
        Assert.Equal(Now.AddHours(24), old.ExpiresAt);
        Assert.True(ApiKey.IsActive(old.RevokedAt, old.ExpiresAt, Now.AddHours(24).AddTicks(-1)));
        Assert.False(ApiKey.IsActive(old.RevokedAt, old.ExpiresAt, Now.AddHours(24)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(7 * 24 * 60)]
    public void A_grace_period_between_zero_and_seven_days_is_kept(int minutes)
    {
        var old = Key(ApiKeyScopes.PointsEarn);

        old.Rotate("lk_new", [4], Now, TimeSpan.FromMinutes(minutes));

        Assert.Equal(Now.AddMinutes(minutes), old.ExpiresAt);
        Assert.Equal(minutes > 0, ApiKey.IsActive(old.RevokedAt, old.ExpiresAt, Now));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7 * 24 * 60 + 1)]
    public void A_grace_period_outside_zero_to_seven_days_is_refused(int minutes)
    {
        var old = Key(ApiKeyScopes.PointsEarn);

        var error = Assert.Throws<DomainException>(() => old.Rotate("lk_new", [4], Now, TimeSpan.FromMinutes(minutes)));

        Assert.Equal("invalid_grace_period", error.Code);
        Assert.Null(old.ExpiresAt);
    }

    [Fact]
    public void A_key_is_rotated_once_and_a_revoked_or_expired_key_not_at_all()
    {
        var rotated = Key(ApiKeyScopes.PointsEarn);
        rotated.Rotate("lk_new", [4], Now, TimeSpan.FromHours(1));
        Assert.Equal("api_key_already_rotated", Assert.Throws<DomainException>(() => rotated.Rotate("lk_2", [5], Now.AddMinutes(5), null)).Code);
        Assert.Equal("api_key_not_active", Assert.Throws<DomainException>(() => rotated.Rotate("lk_3", [6], Now.AddHours(2), null)).Code);

        var revoked = Key(ApiKeyScopes.PointsEarn);
        revoked.Revoke(Now.AddMinutes(-1));
        Assert.Equal("api_key_not_active", Assert.Throws<DomainException>(() => revoked.Rotate("lk_4", [7], Now, null)).Code);
    }

    [Fact]
    public void A_revoked_key_is_inactive_whatever_its_expiry()
    {
        Assert.False(ApiKey.IsActive(Now.AddDays(-1), Now.AddDays(1), Now));
        Assert.True(ApiKey.IsActive(null, null, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_partner_rate_limit_is_between_1_and_10000_per_second(int perSecond)
    {
        var partner = Partner.Create("P", null, Now);

        Assert.Equal("invalid_rate_limit", Assert.Throws<DomainException>(() => partner.ChangeRateLimit(perSecond)).Code);
        partner.ChangeRateLimit(5);
        Assert.Equal(5, partner.RateLimitPerSecond);
        partner.ChangeRateLimit(null);
        Assert.Null(partner.RateLimitPerSecond);
    }
}
