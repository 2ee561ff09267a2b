using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>Account managers in registration order, each with the size of their portfolio.</summary>
public sealed record ListAccountManagersQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<AccountManagerResponse>>;

public sealed class ListAccountManagersHandler(ILoyaltyDbContext db) : IQueryHandler<ListAccountManagersQuery, Page<AccountManagerResponse>>
{
    public async ValueTask<Page<AccountManagerResponse>> Handle(ListAccountManagersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var managers = db.AccountManagers.AsNoTracking();
        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            managers = managers.Where(m => m.CreatedAt > at || (m.CreatedAt == at && m.Id.CompareTo(id) > 0));
        }

        var rows = await managers.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(limit + 1)
            .Select(m => new { Manager = m, Members = db.PortfolioAssignments.Count(a => a.ManagerId == m.Id) })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => r.Manager.ToResponse(r.Members)).ToList();
        return Paging.ToPage(items, limit, m => Paging.TimeKey(m.CreatedAt, m.Id));
    }
}
