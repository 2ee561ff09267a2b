using Loyalty.Domain.Structural.ApiKeys;

namespace Loyalty.Domain.Tests;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generate_gives_a_key_starting_with_lk_whose_prefix_can_be_read_back()
    {
        var (prefix, key) = ApiKeySecret.Generate();

        Assert.StartsWith("lk_", key, StringComparison.Ordinal);
        Assert.Equal(10, prefix.Length);
        Assert.StartsWith($"lk_{prefix}_", key, StringComparison.Ordinal);
        Assert.Equal(prefix, ApiKeySecret.TryGetPrefix(key));
    }

    [Fact]
    public void Matches_is_true_for_the_key_and_false_for_a_one_character_change()
    {
        var (_, key) = ApiKeySecret.Generate();
        var stored = ApiKeySecret.Hash(key);
        var last = key[^1];
        var typo = key[..^1] + (last == 'A' ? 'B' : 'A');
        var firstSecretChar = "lk_".Length + 10 + 1;
        var typoInside = key[..firstSecretChar] + (key[firstSecretChar] == 'x' ? 'y' : 'x') + key[(firstSecretChar + 1)..];

        Assert.True(ApiKeySecret.Matches(key, stored));
        Assert.False(ApiKeySecret.Matches(typo, stored));
        Assert.False(ApiKeySecret.Matches(typoInside, stored));
        Assert.False(ApiKeySecret.Matches(key + "x", stored));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("lk_")]
    [InlineData("lk_abcdefghij_")]
    [InlineData("lk_abcdefghijXsecret")]
    [InlineData("lk_abcdefgh_secretsecret")]
    [InlineData("LK_abcdefghij_secret")]
    [InlineData("sk_abcdefghij_secret")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc")]
    public void TryGetPrefix_is_null_for_anything_that_is_not_one_of_our_keys(string? value) =>
        Assert.Null(ApiKeySecret.TryGetPrefix(value));

    [Fact]
    public void Two_generated_keys_differ()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Count, keys.Select(k => k.Prefix).Distinct(StringComparer.Ordinal).Count());
    }
}
