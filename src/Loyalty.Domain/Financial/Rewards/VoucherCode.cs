using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Rewards;

/// <summary>
/// A voucher's code: 12 characters of a <see cref="CheckedCode"/>; 11 random characters give 55 bits: not guessable.
/// Shown as XXXX-XXXX-XXXX.
/// </summary>
public readonly record struct VoucherCode
{
    public const int Length = 12;

    private VoucherCode(string value) => Value = value;

    /// <summary>The 12 characters, upper case, no dashes. This is what is stored.</summary>
    public string Value { get; }

    /// <summary>In groups of four, as shown in the app and printed.</summary>
    public string Formatted => $"{Value[..4]}-{Value[4..8]}-{Value[8..]}";

    public static VoucherCode Generate() => new(CheckedCode.Generate(Length));

    /// <summary>Parses what a person typed or a scanner read (see <see cref="CheckedCode.TryRead"/>).</summary>
    public static CodeParseResult TryParse(string? input, out VoucherCode code)
    {
        var result = CheckedCode.TryRead(input, Length, out var value);
        code = result == CodeParseResult.Valid ? new VoucherCode(value) : default;
        return result;
    }

    /// <summary>Rehydrates a code already validated when it was stored.</summary>
    public static VoucherCode FromStored(string value) => new(value);

    public override string ToString() => Formatted;
}
