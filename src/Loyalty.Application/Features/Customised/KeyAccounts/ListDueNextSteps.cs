using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

/// <summary>Open next steps due now (or within <c>withinDays</c>), earliest first, for the calling manager's portfolio.</summary>
public sealed record ListDueNextStepsQuery(StaffCaller Caller, Guid? ManagerId = null, int? WithinDays = null, int? Limit = null, string? Cursor = null) : IQuery<Page<DueNextStepResponse>>;

public sealed class ListDueNextStepsValidator : AbstractValidator<ListDueNextStepsQuery>
{
    public ListDueNextStepsValidator() => RuleFor(q => q.WithinDays).InclusiveBetween(0, 366);
}

public sealed class ListDueNextStepsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListDueNextStepsQuery, Page<DueNextStepResponse>>
{
    public async ValueTask<Page<DueNextStepResponse>> Handle(ListDueNextStepsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var scope = Portfolio.ListScope(query.Caller, query.ManagerId);
        var until = clock.GetUtcNow().AddDays(query.WithinDays ?? 0);
        var due = from i in db.KeyAccountInteractions.AsNoTracking()
                  join a in db.PortfolioAssignments.AsNoTracking() on i.MemberId equals a.MemberId
                  join m in db.Members.AsNoTracking() on i.MemberId equals m.Id
                  where i.NextStepDueAt != null && i.NextStepDoneAt == null && i.NextStepDueAt <= until
                  select new { i, a.ManagerId, m.MemberNumber };
        if (scope is { } managerId)
        {
            due = due.Where(x => x.ManagerId == managerId);
        }

        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            due = due.Where(x => x.i.NextStepDueAt > at || (x.i.NextStepDueAt == at && x.i.Id.CompareTo(id) > 0));
        }

        var rows = await due.OrderBy(x => x.i.NextStepDueAt).ThenBy(x => x.i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(x => new DueNextStepResponse(x.i.Id, x.i.MemberId, x.MemberNumber, x.i.NextStep!, x.i.NextStepDueAt!.Value, x.ManagerId)).ToList();
        return Paging.ToPage(items, limit, s => Paging.TimeKey(s.NextStepDueAt, s.InteractionId));
    }
}
