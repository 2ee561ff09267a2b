using System.Security.Cryptography;

namespace Loyalty.Domain.Common;

/// <summary>What reading a typed code found.</summary>
public enum CodeParseResult
{
    Valid,
    InvalidFormat,
    InvalidCheckCharacter,
}

/// <summary>
/// Codes people read out and type (vouchers, referral codes): random characters of Crockford's base32 (no I, L, O
/// or U, so nothing reads as another character) and a last check character (Luhn mod 32), so a mistyped character
/// or a swap of two neighbours is caught before any look-up.
/// </summary>
public static class CheckedCode
{
    /// <summary>Crockford's base32 alphabet: a character's position is its value.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code of <paramref name="length"/> characters, the last one the check character.</summary>
    public static string Generate(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length - 1; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        chars[^1] = CheckCharacter(chars[..^1]);
        return new string(chars);
    }

    /// <summary>
    /// Reads what a person typed or a scanner read: dashes and spaces are ignored, lower case is accepted, and the
    /// look-alikes Crockford allows are read as the digit they resemble (O as 0, I and L as 1).
    /// </summary>
    public static CodeParseResult TryRead(string? input, int length, out string value)
    {
        value = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > length * 3)
        {
            return CodeParseResult.InvalidFormat;
        }

        Span<char> chars = stackalloc char[length];
        var count = 0;
        foreach (var typed in input)
        {
            if (typed is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(typed) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (count == length || !Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return CodeParseResult.InvalidFormat;
            }

            chars[count++] = c;
        }

        if (count != length)
        {
            return CodeParseResult.InvalidFormat;
        }

        if (CheckCharacter(chars[..^1]) != chars[^1])
        {
            return CodeParseResult.InvalidCheckCharacter;
        }

        value = new string(chars);
        return CodeParseResult.Valid;
    }

    /// <summary>Luhn mod 32 over the payload: the character that makes the whole code's sum divisible by 32.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        const int n = 32;
        var sum = 0;
        var factor = 2; // the character next to the check character is doubled
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(payload[i], StringComparison.Ordinal);
            sum += (addend / n) + (addend % n);
            factor = 3 - factor;
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
