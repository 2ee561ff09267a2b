using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

public sealed record GetAccountManagerQuery(Guid ManagerId) : IQuery<AccountManagerResponse>;

public sealed class GetAccountManagerHandler(ILoyaltyDbContext db) : IQueryHandler<GetAccountManagerQuery, AccountManagerResponse>
{
    public async ValueTask<AccountManagerResponse> Handle(GetAccountManagerQuery query, CancellationToken cancellationToken)
    {
        var manager = await Portfolio.FindManagerAsync(db, query.ManagerId, cancellationToken);
        return manager.ToResponse(await db.PortfolioAssignments.CountAsync(a => a.ManagerId == manager.Id, cancellationToken));
    }
}
