using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

/// <summary>
/// Key accounts whose review date has come (or comes within <c>withinDays</c>), earliest first, for the calling
/// manager's portfolio (an administrator: one manager's, or everyone's).
/// </summary>
public sealed record ListDueReviewsQuery(StaffCaller Caller, Guid? ManagerId = null, int? WithinDays = null, int? Limit = null, string? Cursor = null) : IQuery<Page<DueReviewResponse>>;

public sealed class ListDueReviewsValidator : AbstractValidator<ListDueReviewsQuery>
{
    public ListDueReviewsValidator() => RuleFor(q => q.WithinDays).InclusiveBetween(0, 366);
}

public sealed class ListDueReviewsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListDueReviewsQuery, Page<DueReviewResponse>>
{
    public async ValueTask<Page<DueReviewResponse>> Handle(ListDueReviewsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var scope = Portfolio.ListScope(query.Caller, query.ManagerId);
        var until = clock.GetUtcNow().AddDays(query.WithinDays ?? 0);
        var due = from f in db.KeyAccountFiles.AsNoTracking()
                  join a in db.PortfolioAssignments.AsNoTracking() on f.MemberId equals a.MemberId
                  join m in db.Members.AsNoTracking() on f.MemberId equals m.Id
                  where f.NextReviewAt != null && f.NextReviewAt <= until
                  select new { f, a.ManagerId, m.MemberNumber };
        if (scope is { } managerId)
        {
            due = due.Where(x => x.ManagerId == managerId);
        }

        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            due = due.Where(x => x.f.NextReviewAt > at || (x.f.NextReviewAt == at && x.f.MemberId.CompareTo(id) > 0));
        }

        var rows = await due.OrderBy(x => x.f.NextReviewAt).ThenBy(x => x.f.MemberId).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(x => new DueReviewResponse(x.f.MemberId, x.MemberNumber, AccountManagerWire.Kind(x.f.Kind), x.f.Company, x.f.NextReviewAt!.Value, x.ManagerId)).ToList();
        return Paging.ToPage(items, limit, r => Paging.TimeKey(r.NextReviewAt, r.MemberId));
    }
}
