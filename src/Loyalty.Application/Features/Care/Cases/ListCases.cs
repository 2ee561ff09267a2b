using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// Cases as a work queue: ordered by the next step's due time, so the cases already due come first. Filters: owner
/// (the staff user working them), status, member, and a manager's portfolio — an account manager only ever sees
/// their own portfolio's cases.
/// </summary>
public sealed record ListCasesQuery(StaffCaller Caller, Guid? ManagerId = null, Guid? MemberId = null, string? Owner = null, string? Status = null, int? Limit = null, string? Cursor = null)
    : IQuery<Page<CaseResponse>>;

public sealed class ListCasesHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListCasesQuery, Page<CaseResponse>>
{
    public async ValueTask<Page<CaseResponse>> Handle(ListCasesQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var cases = db.ServiceCases.AsNoTracking();
        if (query.MemberId is { } memberId)
        {
            await Portfolio.EnsureMemberAsync(db, query.Caller, memberId, cancellationToken);
            cases = cases.Where(c => c.MemberId == memberId);
        }

        if (Portfolio.ListScope(query.Caller, query.ManagerId) is { } managerId)
        {
            cases = cases.Where(c => db.PortfolioAssignments.Any(a => a.MemberId == c.MemberId && a.ManagerId == managerId));
        }

        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var owner = query.Owner.Trim();
            cases = cases.Where(c => c.Owner == owner || c.EscalatedTo == owner); // a lead's queue holds what escalated to them
        }

        if (QueryEnum.Parse<Domain.Care.Cases.CaseStatus>(query.Status, "status", ErrorCodes.InvalidParameter) is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }

        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            cases = cases.Where(c => c.NextStepDueAt > at || (c.NextStepDueAt == at && c.Id.CompareTo(id) > 0));
        }

        var rows = await cases.OrderBy(c => c.NextStepDueAt).ThenBy(c => c.Id).Take(limit + 1)
            .Join(db.Members, c => c.MemberId, m => m.Id, (c, m) => new { Case = c, m.MemberNumber })
            .ToListAsync(cancellationToken);
        rows = rows.OrderBy(r => r.Case.NextStepDueAt).ThenBy(r => r.Case.Id).ToList();
        var steps = await CaseMapping.StepsAsync(db, rows.Select(r => r.Case.Id).ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        var page = Paging.ToPage(rows, limit, r => Paging.TimeKey(r.Case.NextStepDueAt, r.Case.Id));
        return new Page<CaseResponse>(page.Items.Select(r => r.Case.ToResponse(r.MemberNumber, steps[r.Case.Id], now)).ToList(), page.NextCursor);
    }
}
