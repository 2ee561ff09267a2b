using System.Security.Cryptography;

namespace Loyalty.Domain.Social.Members;

/// <summary>
/// A member's card number: 12 digits, the last one a Luhn check digit so that a mistyped digit or a swap of
/// two neighbouring digits at the till is caught before any look-up. Printed in groups of four.
/// </summary>
public readonly record struct MemberNumber
{
    public const int Length = 12;

    // Card numbers of this programme start with 8 so they never collide with payment card ranges people carry.
    private const char ProgrammePrefix = '8';

    private MemberNumber(string digits) => Value = digits;

    /// <summary>The 12 digits, no separators. This is what is stored.</summary>
    public string Value { get; }

    /// <summary>Digits in groups of four, as printed on the card.</summary>
    public string Formatted => $"{Value[..4]} {Value[4..8]} {Value[8..]}";

    public static MemberNumber Generate()
    {
        Span<char> digits = stackalloc char[Length];
        digits[0] = ProgrammePrefix;
        for (var i = 1; i < Length - 1; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        digits[Length - 1] = LuhnCheckDigit(digits[..^1]);
        return new MemberNumber(new string(digits));
    }

    /// <summary>Parses what a person typed: spaces and dashes are allowed between digits.</summary>
    public static MemberNumberParseResult TryParse(string? input, out MemberNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return MemberNumberParseResult.InvalidFormat;
        }

        Span<char> digits = stackalloc char[Length];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == Length)
            {
                return MemberNumberParseResult.InvalidFormat;
            }

            digits[count++] = c;
        }

        if (count != Length)
        {
            return MemberNumberParseResult.InvalidFormat;
        }

        if (LuhnCheckDigit(digits[..^1]) != digits[^1])
        {
            return MemberNumberParseResult.InvalidCheckDigit;
        }

        number = new MemberNumber(new string(digits));
        return MemberNumberParseResult.Valid;
    }

    /// <summary>Rehydrates a number already validated when it was stored.</summary>
    public static MemberNumber FromStored(string digits) => new(digits);

    internal static char LuhnCheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true; // the digit next to the check digit is doubled
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    public override string ToString() => Value;
}

public enum MemberNumberParseResult
{
    Valid,
    InvalidFormat,
    InvalidCheckDigit,
}
