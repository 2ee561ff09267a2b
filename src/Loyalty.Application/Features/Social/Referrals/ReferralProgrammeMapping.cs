using Loyalty.Contracts.Admin;
using Loyalty.Domain.Social.Referrals;

namespace Loyalty.Application.Features.Social.Referrals;

internal static class ReferralProgrammeMapping
{
    public static ReferralProgrammeResponse ToResponse(ReferralProgramme p) =>
        new(p.Enabled, p.ReferrerPoints, p.RefereePoints, p.MinimumPurchaseAmount, p.Currency, p.MaxRewardsPerMonth, p.MaxRewardsPerYear, p.WindowDays, p.UpdatedAt);
}
