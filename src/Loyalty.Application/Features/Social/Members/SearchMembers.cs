using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>
/// Staff search: a member number (with or without spaces), an e-mail, or the start of a surname. Results are in
/// member-number order; the cursor is the last number seen.
/// </summary>
public sealed record SearchMembersQuery(string? Query, int? Limit, string? Cursor) : IQuery<Page<AdminMemberResponse>>;

public sealed class SearchMembersHandler(ILoyaltyDbContext db) : IQueryHandler<SearchMembersQuery, Page<AdminMemberResponse>>
{
    public async ValueTask<Page<AdminMemberResponse>> Handle(SearchMembersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var members = db.Members.AsNoTracking();
        var text = query.Query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (MemberNumber.TryParse(text, out var number) == MemberNumberParseResult.Valid)
            {
                members = members.Where(m => m.MemberNumber == number.Value);
            }
            else if (text.Contains('@', StringComparison.Ordinal))
            {
                var email = text.ToUpperInvariant();
                members = members.Where(m => m.NormalizedEmail == email);
            }
            else
            {
                // Case-insensitive prefix on every provider without relying on collations.
                var upper = text.ToUpperInvariant();
                members = members.Where(m => m.LastName.ToUpper().StartsWith(upper) || m.FirstName.ToUpper().StartsWith(upper));
            }
        }

        if (after is not null)
        {
            members = members.Where(m => string.Compare(m.MemberNumber, after) > 0);
        }

        var items = await AdminMemberProjection.Project(db, members.OrderBy(m => m.MemberNumber).Take(limit + 1)).ToListAsync(cancellationToken);
        // The joins of the projection do not promise to keep the inner ORDER BY; restore it before paging.
        return Paging.ToPage([.. items.OrderBy(m => m.MemberNumber, StringComparer.Ordinal)], limit, m => m.MemberNumber);
    }
}
