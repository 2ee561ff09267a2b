using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Policies;

namespace Loyalty.Application.Features.Financial.Policies;

internal static class PointsPolicyMapping
{
    public static PointsPolicyResponse ToResponse(PointsPolicy p)
    {
        var e = p.Expiry;
        return new PointsPolicyResponse(
            new ExpiryPolicyDto(Camel(e.Kind), e.Length, Camel(e.Unit), Camel(e.Rounding), e.FixedMonth, e.FixedDay),
            p.ExpiryNoticeDays,
            p.PendingDays,
            Camel(p.ReturnPolicy),
            p.PointValue,
            p.PointValueCurrency,
            p.RedemptionHoldMinutes,
            p.TransferMaxPoints,
            p.TransferMaxPointsPerMonth,
            p.UpdatedAt,
            Camel(p.PointsOnClose));
    }

    public static PointsPolicyValues ToValues(PointsPolicyRequest r) =>
        new(
            new ExpiryPolicy(
                Enum.Parse<ExpiryKind>(r.Expiry.Kind, ignoreCase: true),
                r.Expiry.Length,
                Enum.Parse<PeriodUnit>(r.Expiry.Unit, ignoreCase: true),
                Enum.Parse<ExpiryRounding>(r.Expiry.Rounding, ignoreCase: true),
                r.Expiry.FixedMonth,
                r.Expiry.FixedDay),
            r.ExpiryNoticeDays,
            r.PendingDays,
            Enum.Parse<ReturnPolicy>(r.ReturnPolicy, ignoreCase: true),
            r.PointValue,
            r.PointValueCurrency.ToUpperInvariant(),
            r.RedemptionHoldMinutes,
            r.TransferMaxPoints,
            r.TransferMaxPointsPerMonth,
            r.PointsOnClose is null ? null : Enum.Parse<PointsOnClose>(r.PointsOnClose, ignoreCase: true));

    /// <summary>Enum names as the API spells them: camelCase.</summary>
    public static string Camel<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
