using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Domain.Structural.ApiKeys;

/// <summary>
/// Key format: <c>lk_{prefix}_{secret}</c>. The prefix (10 chars) is public and indexed; the secret carries
/// 256 random bits. Because the secret is random and long, one SHA-256 pass is a sufficient hash at rest:
/// slow password hashes exist to protect guessable human passwords, which an API key is not.
/// </summary>
public static class ApiKeySecret
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o/1/l: readable in logs and support calls
    private const int PrefixLength = 10;

    public static (string Prefix, string Key) Generate()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, PrefixLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (prefix, $"lk_{prefix}_{secret}");
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Extracts the public prefix, or null when the value cannot be one of our keys.</summary>
    public static string? TryGetPrefix(string? key)
    {
        if (key is null || key.Length < 3 + PrefixLength + 2 || !key.StartsWith("lk_", StringComparison.Ordinal) || key[3 + PrefixLength] != '_')
        {
            return null;
        }

        return key.Substring(3, PrefixLength);
    }

    /// <summary>Compares in constant time so response timing leaks nothing about the stored hash.</summary>
    public static bool Matches(string key, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);
}
