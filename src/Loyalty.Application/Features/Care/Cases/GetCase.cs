using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>A member's case with all its steps.</summary>
public sealed record GetCaseQuery(StaffCaller Caller, Guid MemberId, Guid CaseId) : IQuery<CaseResponse>;

public sealed class GetCaseHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetCaseQuery, CaseResponse>
{
    public async ValueTask<CaseResponse> Handle(GetCaseQuery query, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        var serviceCase = await db.ServiceCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId && c.MemberId == query.MemberId, cancellationToken)
                          ?? throw CaseMapping.NotFound();
        return await CaseMapping.StaffResponseAsync(db, serviceCase, clock.GetUtcNow(), cancellationToken);
    }
}
