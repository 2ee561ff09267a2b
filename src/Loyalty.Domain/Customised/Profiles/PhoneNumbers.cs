namespace Loyalty.Domain.Customised.Profiles;

/// <summary>
/// One spelling of a phone number for look-ups, whatever way it was typed: "+44 7700 900123", "+447700900123",
/// "0044 7700 900123" and "+44 (0)7700 900123" are all "+447700900123" (E.164-like: '+', country code, digits).
/// A number typed without an international prefix keeps its digits only ("07700 900123" is "07700900123"): no
/// country is guessed, so it still matches the same national spelling.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>'+' and up to 15 digits (E.164), or a national number's digits; never longer.</summary>
    public const int NormalisedLength = 16;

    public static string? Normalise(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var text = phone.Trim();
        var international = text.StartsWith('+');
        // "+44 (0)7700…": the trunk zero in brackets is dialled only inside the country.
        if (international)
        {
            text = text.Replace("(0)", "", StringComparison.Ordinal);
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            digits = digits[2..];
        }

        if (digits.Length == 0)
        {
            return null;
        }

        var normalised = international ? "+" + digits : digits;
        return normalised.Length > NormalisedLength ? normalised[..NormalisedLength] : normalised;
    }
}
