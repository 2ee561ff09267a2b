using Loyalty.Application.Common;
using Loyalty.Contracts;

namespace Loyalty.Application.Features.Social.Referrals;

internal static class ReferralCursor
{
    public static string Key(DateTimeOffset createdAt, Guid id) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{createdAt.UtcTicks}:{id:N}");

    public static (DateTimeOffset CreatedAt, Guid Id)? Decode(string? cursor)
    {
        var key = Paging.Decode(cursor);
        if (key is null)
        {
            return null;
        }

        var parts = key.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3_155_378_975_999_999_999
            && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : throw Errors.AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
    }
}
