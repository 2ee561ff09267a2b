using FluentValidation;
using Loyalty.Application.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>The basket rules every earn, quote and simulation applies.</summary>
public static class BasketRules
{
    public const int MaxLines = 500;

    public static void Apply<T>(
        AbstractValidator<T> v,
        Func<T, decimal> amount,
        Func<T, string> currency,
        Func<T, DateTimeOffset?> purchasedAt,
        Func<T, IReadOnlyList<PurchaseLineRequest>?> lines,
        TimeProvider clock)
    {
        v.RuleFor(x => amount(x)).GreaterThan(0).LessThanOrEqualTo(1_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true).OverridePropertyName("amount");
        v.RuleFor(x => currency(x)).Must(Money.IsCurrencyCode).WithMessage("currency must be an ISO 4217 code such as EUR.").OverridePropertyName("currency");
        v.RuleFor(x => purchasedAt(x))
            .Must(at => at is null || at <= clock.GetUtcNow().AddMinutes(5))
            .WithMessage("purchasedAt cannot be in the future.")
            .OverridePropertyName("purchasedAt");
        v.RuleFor(x => lines(x))
            .Count(1, MaxLines)
            .WithMessage($"lines, when given, hold 1–{MaxLines} basket lines.")
            .OverridePropertyName("lines");
        v.RuleForEach(x => lines(x)).NotNull().WithMessage("A basket line cannot be null.").ChildRules(line =>
        {
            line.RuleFor(l => l.Amount).GreaterThanOrEqualTo(0).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            line.RuleFor(l => l.Quantity).GreaterThan(0).LessThanOrEqualTo(1_000_000m);
            line.RuleFor(l => l.Sku).MaximumLength(100);
            line.RuleFor(l => l.Category).MaximumLength(100);
        }).When(x => lines(x) is { Count: <= MaxLines }).OverridePropertyName("lines");
        v.RuleFor(x => x)
            .Must(x => lines(x) is not { Count: > 0 } l || l.Any(i => i is null) || l.Sum(i => i.Amount) == amount(x))
            .WithMessage("The amounts of lines must add up to amount.")
            .OverridePropertyName("lines");
    }
}
