using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

public sealed record GetPersonalOfferQuery(Guid OfferId) : IQuery<PersonalOfferResponse>;

public sealed class GetPersonalOfferHandler(ILoyaltyDbContext db) : IQueryHandler<GetPersonalOfferQuery, PersonalOfferResponse>
{
    public async ValueTask<PersonalOfferResponse> Handle(GetPersonalOfferQuery query, CancellationToken cancellationToken)
    {
        var offer = await db.PersonalOffers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OfferId, cancellationToken) ?? throw PersonalOffers.NotFound();
        return await PersonalOffers.ResponseAsync(db, offer, cancellationToken);
    }
}
