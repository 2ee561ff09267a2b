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

/// <summary>Entries and exits, newest first; optionally one member's.</summary>
public sealed record ListSegmentHistoryQuery(Guid SegmentId, Guid? MemberId, int? Limit, string? Cursor) : IQuery<Page<SegmentMembershipChangeResponse>>;

public sealed class ListSegmentHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<ListSegmentHistoryQuery, Page<SegmentMembershipChangeResponse>>
{
    public async ValueTask<Page<SegmentMembershipChangeResponse>> Handle(ListSegmentHistoryQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        _ = await SegmentDefinitions.FindAsync(db, query.SegmentId, cancellationToken);
        var changes = db.SegmentMembershipChanges.Where(c => c.SegmentId == query.SegmentId);
        if (query.MemberId is { } memberId)
        {
            changes = changes.Where(c => c.MemberId == memberId);
        }

        if (Paging.DecodeLong(query.Cursor) is { } before)
        {
            changes = changes.Where(c => c.Id < before);
        }

        var rows = await (from c in changes
                          join m in db.Members on c.MemberId equals m.Id
                          orderby c.Id descending
                          select new { c.Id, c.MemberId, m.MemberNumber, c.Change, c.At })
            .Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(r => new SegmentMembershipChangeResponse(r.Id, r.MemberId, r.MemberNumber, WireValue.Of<SegmentChange>(r.Change), r.At)).ToList();
        return Paging.ToPage(items, limit, r => r.Id);
    }
}
