using Loyalty.Domain.Customised.Profiles;

namespace Loyalty.Domain.Tests.Customised.Profiles;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("+44 7700 900123")]
    [InlineData("+447700900123")]
    [InlineData("0044 7700 900123")]
    [InlineData("+44 (0)7700 900123")]
    [InlineData(" +44-7700-900-123 ")]
    public void Every_spelling_of_one_international_number_is_the_same(string typed) =>
        Assert.Equal("+447700900123", PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData("07700 900123", "07700900123")]
    [InlineData("(020) 7946 0018", "02079460018")]
    public void A_national_number_keeps_its_digits_and_no_country_is_guessed(string typed, string normalised) =>
        Assert.Equal(normalised, PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("+ ()")]
    public void No_digits_no_number(string? typed) => Assert.Null(PhoneNumbers.Normalise(typed));

    [Fact]
    public void A_different_number_stays_different() =>
        Assert.NotEqual(PhoneNumbers.Normalise("+44 7700 900123"), PhoneNumbers.Normalise("+44 7700 900124"));
}
