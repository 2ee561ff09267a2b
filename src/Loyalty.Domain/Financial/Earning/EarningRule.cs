using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Earning;

/// <summary>
/// The base earning rule: points per whole currency unit spent. Rules are never edited in place: a new rule
/// supersedes the previous one, so a past purchase can always be explained by the rule it was earned under.
/// </summary>
public sealed class EarningRule
{
    private EarningRule()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public decimal PointsPerCurrencyUnit { get; private set; }

    public string Currency { get; private set; } = "";

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public static EarningRule Create(string name, decimal pointsPerCurrencyUnit, string currency, DateTimeOffset now)
    {
        if (pointsPerCurrencyUnit <= 0)
        {
            throw new DomainException("invalid_rate", "Points per currency unit must be positive.");
        }

        _ = new Money(0, currency); // validates the currency code
        return new EarningRule
        {
            Id = EntityId.New(),
            Name = name.Trim(),
            PointsPerCurrencyUnit = pointsPerCurrencyUnit,
            Currency = currency,
            IsActive = true,
            CreatedAt = now,
        };
    }

    public void Supersede(DateTimeOffset now)
    {
        IsActive = false;
        SupersededAt = now;
    }
}
