using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Financial.Grants;

public sealed record GetBulkGrantQuery(Guid Id) : IQuery<BulkGrantResponse>;

public sealed class GetBulkGrantHandler(ILoyaltyDbContext db) : IQueryHandler<GetBulkGrantQuery, BulkGrantResponse>
{
    public async ValueTask<BulkGrantResponse> Handle(GetBulkGrantQuery query, CancellationToken cancellationToken) =>
        await BulkGrantProgress.LoadAsync(db, query.Id, cancellationToken);
}
