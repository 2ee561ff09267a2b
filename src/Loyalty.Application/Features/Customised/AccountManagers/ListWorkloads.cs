using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// Each manager's load at this moment: members, key accounts, reviews due, next steps open and overdue. An
/// administrator sees every manager (or the one asked for); a manager sees only their own row.
/// </summary>
public sealed record ListWorkloadsQuery(StaffCaller Caller, Guid? ManagerId = null, int? Limit = null, string? Cursor = null) : IQuery<Page<ManagerWorkloadResponse>>;

public sealed class ListWorkloadsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListWorkloadsQuery, Page<ManagerWorkloadResponse>>
{
    public async ValueTask<Page<ManagerWorkloadResponse>> Handle(ListWorkloadsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var scope = Portfolio.ListScope(query.Caller, query.ManagerId);
        var now = clock.GetUtcNow();
        var managers = db.AccountManagers.AsNoTracking();
        if (scope is { } only)
        {
            managers = managers.Where(m => m.Id == only);
        }

        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            managers = managers.Where(m => m.CreatedAt > at || (m.CreatedAt == at && m.Id.CompareTo(id) > 0));
        }

        var page = await managers.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var ids = page.Select(m => m.Id).ToList();
        var members = await db.PortfolioAssignments.AsNoTracking().Where(a => ids.Contains(a.ManagerId))
            .GroupBy(a => a.ManagerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var files = await (from a in db.PortfolioAssignments.AsNoTracking()
                           join f in db.KeyAccountFiles.AsNoTracking() on a.MemberId equals f.MemberId
                           where ids.Contains(a.ManagerId)
                           group f by a.ManagerId into g
                           select new { g.Key, Files = g.Count(), Due = g.Count(f => f.NextReviewAt != null && f.NextReviewAt <= now) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var steps = await (from a in db.PortfolioAssignments.AsNoTracking()
                           join i in db.KeyAccountInteractions.AsNoTracking() on a.MemberId equals i.MemberId
                           where ids.Contains(a.ManagerId) && i.NextStep != null && i.NextStepDoneAt == null
                           group i by a.ManagerId into g
                           select new { g.Key, Open = g.Count(), Due = g.Count(i => i.NextStepDueAt <= now) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var items = page.Select(m => new ManagerWorkloadResponse(
            m.Id, m.Name, m.Active, m.Capacity,
            members.GetValueOrDefault(m.Id),
            files.TryGetValue(m.Id, out var f) ? f.Files : 0,
            f?.Due ?? 0,
            steps.TryGetValue(m.Id, out var s) ? s.Open : 0,
            s?.Due ?? 0)).ToList();
        return Paging.ToPage(items, limit, w => Paging.TimeKey(page.First(m => m.Id == w.ManagerId).CreatedAt, w.ManagerId));
    }
}
