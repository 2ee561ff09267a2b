using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>One of my cases; another member's case is not found, whatever its id.</summary>
public sealed record GetMyCaseQuery(string Subject, Guid CaseId) : IQuery<MyCaseResponse>;

public sealed class GetMyCaseHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyCaseQuery, MyCaseResponse>
{
    public async ValueTask<MyCaseResponse> Handle(GetMyCaseQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var serviceCase = await db.ServiceCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId && c.MemberId == member.Id, cancellationToken)
                          ?? throw CaseMapping.NotFound();
        var steps = await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == serviceCase.Id).ToListAsync(cancellationToken);
        return serviceCase.ToMemberResponse(steps);
    }
}
