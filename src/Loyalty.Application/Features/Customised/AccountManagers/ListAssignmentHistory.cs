using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>A member's assignment history, newest first: from, to, when, by whom and why.</summary>
public sealed record ListAssignmentHistoryQuery(StaffCaller Caller, Guid MemberId, int? Limit = null, string? Cursor = null) : IQuery<Page<AssignmentChangeResponse>>;

public sealed class ListAssignmentHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<ListAssignmentHistoryQuery, Page<AssignmentChangeResponse>>
{
    public async ValueTask<Page<AssignmentChangeResponse>> Handle(ListAssignmentHistoryQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        var changes = db.AssignmentChanges.AsNoTracking().Where(c => c.MemberId == query.MemberId);
        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            changes = changes.Where(c => c.ChangedAt < at || (c.ChangedAt == at && c.Id.CompareTo(id) < 0));
        }

        var rows = await changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.Select(c => c.ToResponse()).ToList(), limit, c => Paging.TimeKey(c.ChangedAt, c.Id));
    }
}
