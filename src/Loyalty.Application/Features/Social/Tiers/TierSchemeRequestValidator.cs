using FluentValidation;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed class TierSchemeRequestValidator : AbstractValidator<TierSchemeRequest>
{
    public const int MaxPerkLength = 100;

    public TierSchemeRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.WindowKind).IsInEnum().WithMessage("windowKind is one of rollingMonths, calendarYear, sinceLastChange.");
        RuleFor(r => r.DowngradeMode).IsInEnum().WithMessage("downgradeMode is one of oneTier, toQualifiedTier.");
        RuleFor(r => r.SpendCurrency).NotEmpty().Must(Money.IsCurrencyCode).WithMessage("spendCurrency must be an ISO 4217 code such as EUR.");
        RuleFor(r => r.EffectiveFrom).LessThan(_ => clock.GetUtcNow().AddYears(2)).When(r => r.EffectiveFrom is not null)
            .WithMessage("effectiveFrom can be at most two years ahead.");
        RuleFor(r => r.Tiers).NotNull().Must(t => t.Count is > 0 and <= TierScheme.MaxTiers).WithMessage($"A scheme has 1–{TierScheme.MaxTiers} tiers.");
        RuleForEach(r => r.Tiers).NotNull().ChildRules(tier =>
        {
            tier.RuleFor(t => t.Name).NotEmpty().MaximumLength(50);
            tier.RuleFor(t => t.Rank).InclusiveBetween(0, 100);
            tier.RuleFor(t => t.Qualify!).SetValidator(new ThresholdsValidator()).When(t => t.Qualify is not null);
            tier.RuleFor(t => t.Retain!).SetValidator(new ThresholdsValidator()).When(t => t.Retain is not null);
            tier.RuleFor(t => t.Benefits!.EarnMultiplier).LessThanOrEqualTo(10m).PrecisionScale(4, 2, ignoreTrailingZeros: true).When(t => t.Benefits is not null);
            tier.RuleFor(t => t.Benefits!.RewardDiscountPercent).PrecisionScale(5, 2, ignoreTrailingZeros: true).When(t => t.Benefits is not null);
            tier.RuleFor(t => t.Benefits!.SupportResponseHours).InclusiveBetween(1, 24 * 366).When(t => t.Benefits is not null);
            tier.RuleFor(t => t.Benefits!.Perks).Must(p => p!.Count <= Tier.MaxPerks).WithMessage($"At most {Tier.MaxPerks} perks.")
                .When(t => t.Benefits?.Perks is not null);
            tier.RuleForEach(t => t.Benefits!.Perks).NotEmpty().MaximumLength(MaxPerkLength).When(t => t.Benefits?.Perks is not null);
        }).When(r => r.Tiers is not null);
    }

    private sealed class ThresholdsValidator : AbstractValidator<TierThresholdsDto>
    {
        public ThresholdsValidator()
        {
            RuleFor(t => t.PointsEarned).LessThanOrEqualTo(1_000_000_000_000L);
            RuleFor(t => t.Spend).LessThanOrEqualTo(1_000_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            RuleFor(t => t.Visits).LessThanOrEqualTo(1_000_000);
        }
    }
}
