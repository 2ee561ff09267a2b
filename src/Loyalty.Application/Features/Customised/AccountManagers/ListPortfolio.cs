using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// The members a manager looks after, in the order they were assigned, with their key-account file's kind and next
/// review. A manager sees their own portfolio; an administrator any one (managerId) or every assigned member.
/// </summary>
public sealed record ListPortfolioQuery(StaffCaller Caller, Guid? ManagerId = null, int? Limit = null, string? Cursor = null) : IQuery<Page<PortfolioMemberResponse>>;

public sealed class ListPortfolioHandler(ILoyaltyDbContext db) : IQueryHandler<ListPortfolioQuery, Page<PortfolioMemberResponse>>
{
    public async ValueTask<Page<PortfolioMemberResponse>> Handle(ListPortfolioQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var scope = Portfolio.ListScope(query.Caller, query.ManagerId);
        var assignments = db.PortfolioAssignments.AsNoTracking();
        if (scope is { } managerId)
        {
            assignments = assignments.Where(a => a.ManagerId == managerId);
        }

        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            assignments = assignments.Where(a => a.AssignedAt > at || (a.AssignedAt == at && a.MemberId.CompareTo(id) > 0));
        }

        var rows = await (from a in assignments
                          join m in db.Members.AsNoTracking() on a.MemberId equals m.Id
                          join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                          from f in db.KeyAccountFiles.AsNoTracking().Where(f => f.MemberId == a.MemberId).DefaultIfEmpty()
                          orderby a.AssignedAt, a.MemberId
                          select new { a, m.MemberNumber, m.FirstName, m.LastName, TierName = t.Name, Kind = (Domain.Customised.AccountManagers.KeyAccountKind?)f!.Kind, NextReviewAt = (DateTimeOffset?)f.NextReviewAt })
            .Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(r => new PortfolioMemberResponse(
            r.a.MemberId, r.MemberNumber, r.FirstName, r.LastName, r.TierName, r.a.ManagerId, r.a.AssignedAt,
            r.Kind is { } kind ? AccountManagerWire.Kind(kind) : null, r.NextReviewAt)).ToList();
        return Paging.ToPage(items, limit, p => Paging.TimeKey(p.AssignedAt, p.MemberId));
    }
}
