using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.AccountManagers;

public sealed record GetMemberPriorityQuery(StaffCaller Caller, Guid MemberId) : IQuery<PriorityServiceResponse>;

public sealed class GetMemberPriorityHandler(ILoyaltyDbContext db, IPriorityService priority) : IQueryHandler<GetMemberPriorityQuery, PriorityServiceResponse>
{
    public async ValueTask<PriorityServiceResponse> Handle(GetMemberPriorityQuery query, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        return (await priority.GetAsync(query.MemberId, cancellationToken))!;
    }
}
