using Loyalty.Application.Errors;

namespace Loyalty.Application.Common;

/// <summary>
/// Reads an enum filter from a query string, for every list alike: query strings are not bound by the JSON options,
/// so the value is matched here against the member names (the wire's camelCase, any case accepted), never as a number.
/// </summary>
public static class QueryEnum
{
    /// <summary>
    /// The member <paramref name="value"/> names; null when no value was given; otherwise a 400 with
    /// <paramref name="code"/> that lists the names <paramref name="parameter"/> takes.
    /// </summary>
    public static TEnum? Parse<TEnum>(string? value, string parameter, string code)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (string.Equals(member.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        throw AppException.BadRequest(code, $"{parameter} must be one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(m => WireValue.Name(m)))}.");
    }
}
