using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>The segment's members as of its last refresh, by member number.</summary>
public sealed record ListSegmentMembersQuery(Guid SegmentId, int? Limit, string? Cursor) : IQuery<Page<SegmentMemberResponse>>;

public sealed class ListSegmentMembersHandler(ILoyaltyDbContext db) : IQueryHandler<ListSegmentMembersQuery, Page<SegmentMemberResponse>>
{
    public async ValueTask<Page<SegmentMemberResponse>> Handle(ListSegmentMembersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        _ = await SegmentDefinitions.FindAsync(db, query.SegmentId, cancellationToken);
        var rows = from sm in db.SegmentMembers
                   where sm.SegmentId == query.SegmentId
                   join m in db.Members on sm.MemberId equals m.Id
                   select new { m.Id, m.MemberNumber, m.FirstName, m.LastName, sm.EnteredAt };
        if (Paging.Decode(query.Cursor) is { } after)
        {
            rows = rows.Where(r => string.Compare(r.MemberNumber, after) > 0);
        }

        var page = (await rows.OrderBy(r => r.MemberNumber).Take(limit + 1).ToListAsync(cancellationToken))
            .Select(r => new SegmentMemberResponse(r.Id, r.MemberNumber, r.FirstName, r.LastName, r.EnteredAt)).ToList();
        return Paging.ToPage(page, limit, r => r.MemberNumber);
    }
}
