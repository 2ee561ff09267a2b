using Loyalty.Application.Common;

namespace Loyalty.Api.Tests.Platform;

/// <summary>The one CSV field writer of settlements and import reports.</summary>
public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("Station Road", "Station Road")]
    [InlineData(null, "")]
    [InlineData("-41.50", "-41.50")] // a negative amount stays a number
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("Kraków, Old Town", "\"Kraków, Old Town\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Quotes_what_needs_quoting_and_defuses_formulas(string? value, string expected) =>
        Assert.Equal(expected, CsvField.Of(value));
}
