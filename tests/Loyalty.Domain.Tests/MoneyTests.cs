using Loyalty.Domain.Common;

namespace Loyalty.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("EUR", true)]
    [InlineData("USD", true)]
    [InlineData("eur", false)]
    [InlineData("Eur", false)]
    [InlineData("EURO", false)]
    [InlineData("EU", false)]
    [InlineData("E1R", false)]
    [InlineData("ÉUR", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsCurrencyCode_accepts_only_three_upper_case_ASCII_letters(string? code, bool expected) =>
        Assert.Equal(expected, Money.IsCurrencyCode(code));

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    [InlineData(null)]
    public void The_constructor_refuses_an_invalid_currency(string? currency)
    {
        var error = Assert.Throws<DomainException>(() => new Money(1m, currency!));

        Assert.Equal("invalid_currency", error.Code);
    }

    [Fact]
    public void Money_keeps_amount_and_currency()
    {
        var money = new Money(12.5m, "EUR");

        Assert.Equal((12.5m, "EUR"), (money.Amount, money.Currency));
        Assert.Equal(new Money(12.5m, "EUR"), money);
        Assert.Equal("12.50 EUR", money.ToString());
    }
}
