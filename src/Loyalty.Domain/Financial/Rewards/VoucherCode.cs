using System.Security.Cryptography;

namespace Loyalty.Domain.Financial.Rewards;

/// <summary>
/// A voucher's code: 12 characters of Crockford's base32 (no I, L, O or U, so nothing reads as another character),
/// the last one a check character (Luhn mod 32) so that a mistyped character or a swap of two neighbours at the till
/// is caught before any look-up. 11 random characters give 55 bits: not guessable. Shown as XXXX-XXXX-XXXX.
/// </summary>
public readonly record struct VoucherCode
{
    public const int Length = 12;

    /// <summary>Crockford's base32 alphabet: a character's position is its value.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private VoucherCode(string value) => Value = value;

    /// <summary>The 12 characters, upper case, no dashes. This is what is stored.</summary>
    public string Value { get; }

    /// <summary>In groups of four, as shown in the app and printed.</summary>
    public string Formatted => $"{Value[..4]}-{Value[4..8]}-{Value[8..]}";

    public static VoucherCode Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        chars[^1] = CheckCharacter(chars[..^1]);
        return new VoucherCode(new string(chars));
    }

    /// <summary>
    /// Parses what a person typed or a scanner read: dashes and spaces are ignored, lower case is accepted, and the
    /// look-alikes Crockford allows are read as the digit they resemble (O as 0, I and L as 1).
    /// </summary>
    public static VoucherCodeParseResult TryParse(string? input, out VoucherCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return VoucherCodeParseResult.InvalidFormat;
        }

        Span<char> chars = stackalloc char[Length];
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
            if (count == Length || !Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return VoucherCodeParseResult.InvalidFormat;
            }

            chars[count++] = c;
        }

        if (count != Length)
        {
            return VoucherCodeParseResult.InvalidFormat;
        }

        if (CheckCharacter(chars[..^1]) != chars[^1])
        {
            return VoucherCodeParseResult.InvalidCheckCharacter;
        }

        code = new VoucherCode(new string(chars));
        return VoucherCodeParseResult.Valid;
    }

    /// <summary>Rehydrates a code already validated when it was stored.</summary>
    public static VoucherCode FromStored(string value) => new(value);

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

    public override string ToString() => Formatted;
}

public enum VoucherCodeParseResult
{
    Valid,
    InvalidFormat,
    InvalidCheckCharacter,
}
