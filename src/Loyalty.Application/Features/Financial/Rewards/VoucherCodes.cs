using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Rewards;

namespace Loyalty.Application.Features.Financial.Rewards;

public static class VoucherCodes
{
    /// <summary>Reads a code from a URL; a typo is caught by the check character before any look-up.</summary>
    public static VoucherCode Parse(string input) =>
        VoucherCode.TryParse(input, out var code) switch
        {
            CodeParseResult.Valid => code,
            CodeParseResult.InvalidCheckCharacter => throw AppException.BadRequest(ErrorCodes.InvalidVoucherCode, "The voucher code's check character does not match: the code was probably mistyped."),
            _ => throw AppException.BadRequest(ErrorCodes.InvalidVoucherCode, "A voucher code is 12 letters and digits, e.g. ABCD-EFGH-JKMN."),
        };

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.VoucherNotFound, "No voucher has this code.");

    public static VoucherResponse ToResponse(Voucher v, DateTimeOffset now) =>
        new(v.VoucherCode.Formatted, v.RewardId, v.RewardName, v.PointsSpent, WireValue.Of<Contracts.Common.VoucherStatus>(v.StatusAt(now)), v.IssuedAt, v.ExpiresAt, v.UsedAt);
}
