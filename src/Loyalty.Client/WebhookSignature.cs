using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Client;

/// <summary>
/// Checks a webhook the Loyalty API sent (Standard Webhooks): HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>
/// with the secret's base64-decoded bytes, compared in constant time with each <c>v1,…</c> signature in the
/// <c>webhook-signature</c> header (two during a secret rotation), and a timestamp close to now against replays.
/// Pass the body exactly as received, before any JSON parsing.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The default tolerance between the sender's timestamp and the receiver's clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>True when one of the signatures matches and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? webhookId, string? timestamp, string? signatureHeader, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        if ((now - sentAt).Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}"));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || candidate[..comma] != "v1")
            {
                continue;
            }

            var decoded = new byte[expected.Length + 3];
            if (Convert.TryFromBase64String(candidate[(comma + 1)..], decoded, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(decoded.AsSpan(0, written), expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="Verify(string, string?, string?, string?, string, DateTimeOffset, TimeSpan?)"/> with the headers read from a lookup (any casing).</summary>
    public static bool Verify(string secret, Func<string, string?> header, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Verify(secret, header(IdHeader), header(TimestampHeader), header(SignatureHeader), body, now, tolerance);
    }
}
