using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Domain.Social.Referrals;

/// <summary>
/// Who a person is for the anti-abuse rules, beyond the exact e-mail the club keys members on: the same mailbox
/// written another way (case, a "+tag", dots in a Gmail address) or the same phone number in another format.
/// </summary>
public static class ReferralIdentity
{
    /// <summary>Digits compared from the end: "+44 7700 900123" and "07700 900123" are the same phone.</summary>
    public const int PhoneDigits = 9;

    public static string CanonicalEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var e = email.Trim().ToLowerInvariant();
        var at = e.LastIndexOf('@');
        if (at <= 0)
        {
            return e;
        }

        var local = e[..at];
        var domain = e[(at + 1)..];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        if (domain is "gmail.com" or "googlemail.com")
        {
            local = local.Replace(".", "", StringComparison.Ordinal);
            domain = "gmail.com";
        }

        return $"{local}@{domain}";
    }

    /// <summary>The last <see cref="PhoneDigits"/> digits, or null when there are too few to compare safely.</summary>
    public static string? CanonicalPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length < PhoneDigits ? null : digits[^PhoneDigits..];
    }

    public static bool SamePerson(string emailA, string? phoneA, string emailB, string? phoneB)
    {
        if (CanonicalEmail(emailA) == CanonicalEmail(emailB))
        {
            return true;
        }

        var a = CanonicalPhone(phoneA);
        return a is not null && a == CanonicalPhone(phoneB);
    }

    /// <summary>A one-way key of a canonical value (SHA-256, hex), so a referral remembers who it was for without contact details.</summary>
    public static string Key(string canonical) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    public static string EmailKey(string email) => Key("e:" + CanonicalEmail(email));

    public static string? PhoneKey(string? phone) => CanonicalPhone(phone) is { } p ? Key("p:" + p) : null;
}
