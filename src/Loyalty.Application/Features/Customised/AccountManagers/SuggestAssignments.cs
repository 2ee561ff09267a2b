using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// Unassigned active members, highest value first (<see cref="IMemberValueSource"/>): the candidates an administrator
/// hands to account managers.
/// </summary>
public sealed record SuggestAssignmentsQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<AssignmentSuggestionResponse>>;

public sealed class SuggestAssignmentsHandler(ILoyaltyDbContext db, IMemberValueSource values, TierSchemeCache scheme, TimeProvider clock)
    : IQueryHandler<SuggestAssignmentsQuery, Page<AssignmentSuggestionResponse>>
{
    public const int WindowMonths = 12;

    public async ValueTask<Page<AssignmentSuggestionResponse>> Handle(SuggestAssignmentsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var currency = (await scheme.GetAsync(db, cancellationToken)).Settings.SpendCurrency;
        var ranked = await values.RankUnassignedAsync(currency, clock.GetUtcNow().AddMonths(-WindowMonths), DecodeCursor(query.Cursor), limit + 1, cancellationToken);
        var ids = ranked.Select(r => r.MemberId).ToList();
        var members = await (from m in db.Members.AsNoTracking()
                             join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                             where ids.Contains(m.Id)
                             select new { m.Id, m.MemberNumber, m.FirstName, m.LastName, m.TierId, t.Name }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var items = ranked.Select(r =>
        {
            var m = members[r.MemberId];
            return new AssignmentSuggestionResponse(
                m.Id, m.MemberNumber, m.FirstName, m.LastName, m.TierId, m.Name, r.TierRank, r.NetSpendTenThousandths / 10_000m, currency, r.Score / 40_000m);
        }).ToList();
        var scores = ranked.ToDictionary(r => r.MemberId, r => r.Score);
        return Paging.ToPage(items, limit, s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scores[s.MemberId]}|{s.TierRank}|{s.MemberId:N}"));
    }

    private static (long, int, Guid)? DecodeCursor(string? cursor)
    {
        var key = Paging.Decode(cursor);
        if (key is null)
        {
            return null;
        }

        var parts = key.Split('|');
        return parts.Length == 3 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score)
                                 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank)
                                 && Guid.TryParseExact(parts[2], "N", out var id)
            ? (score, rank, id)
            : throw AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
    }
}
