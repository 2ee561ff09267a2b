using System.Buffers.Text;
using System.Text;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;

namespace Loyalty.Application.Common;

/// <summary>Keyset paging: the cursor is an opaque, URL-safe encoding of the last key the caller saw.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Longer than any cursor the API issues (a key of a name and an id, encoded), so a longer one is refused unread.</summary>
    public const int MaxCursorLength = 2048;

    public static int Limit(int? requested) => requested switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw AppException.BadRequest(ErrorCodes.InvalidLimit, $"limit must be between 1 and {MaxLimit}."),
        _ => requested.Value,
    };

    /// <summary>
    /// Turns the rows of a query that asked for <c>limit + 1</c> into a page: the extra row only says that more
    /// follow, and the cursor is the key of the last row returned.
    /// </summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, string> key) =>
        rows.Count > limit ? new Page<T>(rows[..limit], Encode(key(rows[limit - 1]))) : new Page<T>(rows, null);

    /// <inheritdoc cref="ToPage{T}(List{T}, int, Func{T, string})"/>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, long> key) =>
        ToPage(rows, limit, row => key(row).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The key of a row ordered by a time and then its id, the scheme every time-ordered list shares; the ticks are
    /// UTC, so the key does not depend on the offset a row was written with.
    /// </summary>
    public static string TimeKey(DateTimeOffset at, Guid id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.UtcTicks}|{id:N}");

    /// <summary>Reads a cursor made of <see cref="TimeKey"/>.</summary>
    public static (DateTimeOffset At, Guid Id)? DecodeTime(string? cursor)
    {
        var key = Decode(cursor);
        if (key is null)
        {
            return null;
        }

        var parts = key.Split('|');
        return parts.Length == 2
               && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
               && ticks <= DateTimeOffset.MaxValue.UtcTicks
               && Guid.TryParseExact(parts[1], "N", out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw InvalidCursor();
    }

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        if (cursor.Length > MaxCursorLength)
        {
            throw InvalidCursor();
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

    private static AppException InvalidCursor() => AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
}
