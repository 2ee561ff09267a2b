namespace Loyalty.Application.Common;

/// <summary>One field of an RFC 4180 file that partners open in spreadsheets.</summary>
public static class CsvField
{
    /// <summary>
    /// Quotes the value when it needs it, and defuses text a spreadsheet would run as a formula (a leading =, +, @,
    /// tab, carriage return, or a - that does not start a number) by prefixing an apostrophe.
    /// </summary>
    public static string Of(string? value)
    {
        value ??= "";
        if (value.Length > 0 && (value[0] is '=' or '+' or '@' or '\t' or '\r'
            || (value[0] == '-' && !decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
