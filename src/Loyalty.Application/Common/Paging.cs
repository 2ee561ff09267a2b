using System.Buffers.Text;
using System.Text;
using Loyalty.Application.Errors;

namespace Loyalty.Application.Common;

/// <summary>Keyset paging: the cursor is an opaque, URL-safe encoding of the last key the caller saw.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int Limit(int? requested) => requested switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw AppException.BadRequest("invalid_limit", $"limit must be between 1 and {MaxLimit}."),
        _ => requested.Value,
    };

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw InvalidCursor();
        }
    }

    public static long? DecodeLong(string? cursor)
    {
        var key = Decode(cursor);
        if (key is null)
        {
            return null;
        }

        return long.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw InvalidCursor();
    }

    private static AppException InvalidCursor() => AppException.BadRequest("invalid_cursor", "The cursor is not one this API issued.");
}
