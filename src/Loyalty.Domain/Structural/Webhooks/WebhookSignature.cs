using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Domain.Structural.Webhooks;

/// <summary>
/// Standard Webhooks signing: HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with the secret's base64-decoded bytes
/// (after the <c>whsec_</c> prefix), sent as <c>v1,&lt;base64&gt;</c>; several signatures are space-separated.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content));
    }
}

/// <summary>Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base × 2^(attempt−1))].</summary>
public sealed class WebhookBackoff(Random random, TimeSpan baseDelay, TimeSpan maxDelay)
{
    public TimeSpan Ceiling(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min((double)maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)ticks);
    }

    public TimeSpan Delay(int attempt) => TimeSpan.FromTicks((long)(random.NextDouble() * Ceiling(attempt).Ticks));
}
