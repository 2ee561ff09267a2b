using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Policies;
using ExpiryKind = Loyalty.Domain.Financial.Policies.ExpiryKind;
using ExpiryRounding = Loyalty.Domain.Financial.Policies.ExpiryRounding;
using PeriodUnit = Loyalty.Domain.Financial.Policies.PeriodUnit;
using PointsOnClose = Loyalty.Domain.Financial.Policies.PointsOnClose;

namespace Loyalty.Application.Features.Financial.Policies;

internal static class PointsPolicyMapping
{
    public static PointsPolicyResponse ToResponse(PointsPolicy p)
    {
        var e = p.Expiry;
        return new PointsPolicyResponse(
            new ExpiryPolicyDto(WireValue.Of<Contracts.Admin.ExpiryKind>(e.Kind), e.Length, WireValue.Of<Contracts.Admin.PeriodUnit>(e.Unit), WireValue.Of<Contracts.Admin.ExpiryRounding>(e.Rounding), e.FixedMonth, e.FixedDay),
            p.ExpiryNoticeDays,
            p.PendingDays,
            WireValue.Of<Contracts.Partner.ReturnPolicy>(p.ReturnPolicy),
            p.PointValue,
            p.PointValueCurrency,
            p.RedemptionHoldMinutes,
            p.TransferMaxPoints,
            p.TransferMaxPointsPerMonth,
            p.UpdatedAt,
            WireValue.Of<Contracts.Admin.PointsOnClose>(p.PointsOnClose));
    }

    public static PointsPolicyValues ToValues(PointsPolicyRequest r) =>
        new(
            new ExpiryPolicy(
                WireValue.Of<ExpiryKind>(r.Expiry.Kind),
                r.Expiry.Length,
                WireValue.Of<PeriodUnit>(r.Expiry.Unit),
                WireValue.Of<ExpiryRounding>(r.Expiry.Rounding),
                r.Expiry.FixedMonth,
                r.Expiry.FixedDay),
            r.ExpiryNoticeDays,
            r.PendingDays,
            WireValue.Of<ReturnPolicy>(r.ReturnPolicy),
            r.PointValue,
            r.PointValueCurrency.ToUpperInvariant(),
            r.RedemptionHoldMinutes,
            r.TransferMaxPoints,
            r.TransferMaxPointsPerMonth,
            WireValue.OfNullable<PointsOnClose>(r.PointsOnClose));
}
