using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Retention;

/// <summary>A member's retention actions and their outcomes, newest first.</summary>
public sealed record ListRetentionActionsQuery(StaffCaller Caller, Guid MemberId, int? Limit = null, string? Cursor = null) : IQuery<Page<RetentionActionResponse>>;

public sealed class ListRetentionActionsHandler(ILoyaltyDbContext db) : IQueryHandler<ListRetentionActionsQuery, Page<RetentionActionResponse>>
{
    public async ValueTask<Page<RetentionActionResponse>> Handle(ListRetentionActionsQuery query, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        var limit = Paging.Limit(query.Limit);
        var actions = db.RetentionActions.AsNoTracking().Where(a => a.MemberId == query.MemberId);
        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            actions = actions.Where(a => a.TakenAt < at || (a.TakenAt == at && a.Id.CompareTo(id) < 0));
        }

        var rows = await actions.OrderByDescending(a => a.TakenAt).ThenByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage([.. rows.Select(a => a.ToResponse())], limit, a => Paging.TimeKey(a.TakenAt, a.Id));
    }
}
