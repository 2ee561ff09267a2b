using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

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
