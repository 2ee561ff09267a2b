namespace Loyalty.Domain.Common;

/// <summary>An amount of money in an explicit ISO 4217 currency. Never a bare decimal.</summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        if (!IsCurrencyCode(currency))
        {
            throw new DomainException("invalid_currency", $"'{currency}' is not an ISO 4217 currency code.");
        }

        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    /// <summary>Three upper-case ASCII letters, the shape of every ISO 4217 alphabetic code.</summary>
    public static bool IsCurrencyCode(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    public override string ToString() => $"{Amount:0.00##} {Currency}";
}
