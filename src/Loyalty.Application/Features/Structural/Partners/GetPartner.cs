using Loyalty.Application.Abstractions;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Structural.Partners;

public sealed record GetPartnerQuery(Guid PartnerId) : IQuery<PartnerResponse>;

public sealed class GetPartnerHandler(ILoyaltyDbContext db) : IQueryHandler<GetPartnerQuery, PartnerResponse>
{
    public async ValueTask<PartnerResponse> Handle(GetPartnerQuery query, CancellationToken cancellationToken) =>
        (await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken)).ToResponse();
}
