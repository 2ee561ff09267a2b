using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Referrals;

/// <summary>
/// A member's referral code: 8 characters of Crockford's base32 (the voucher alphabet), the last a Luhn mod 32 check
/// character, so a mistyped code is caught before any look-up. 7 random characters give 35 bits: plenty for a code
/// that is meant to be shared, and short enough to read out. Shown as XXXX-XXXX; parsing ignores case and dashes.
/// </summary>
public readonly record struct ReferralCode
{
    public const int Length = 8;

    private ReferralCode(string value) => Value = value;

    /// <summary>The 8 characters, upper case, no dash. This is what is stored.</summary>
    public string Value { get; }

    public string Formatted => $"{Value[..4]}-{Value[4..]}";

    public static ReferralCode Generate() => new(CheckedCode.Generate(Length));

    /// <summary>Reads what a person typed: dashes and spaces ignored, any case, O read as 0 and I/L as 1.</summary>
    public static bool TryParse(string? input, out ReferralCode code)
    {
        var valid = CheckedCode.TryRead(input, Length, out var value) == CodeParseResult.Valid;
        code = valid ? new ReferralCode(value) : default;
        return valid;
    }

    public static ReferralCode FromStored(string value) => new(value);

    public override string ToString() => Formatted;
}

/// <summary>The code a member shares; one per member, kept apart from <see cref="Members.Member"/>.</summary>
public sealed class MemberReferralCode
{
    private MemberReferralCode()
    {
    }

    public Guid MemberId { get; private set; }

    public string Code { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static MemberReferralCode Issue(Guid memberId, ReferralCode code, DateTimeOffset now) =>
        new() { MemberId = memberId, Code = code.Value, CreatedAt = now };
}
