using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

public sealed record GetHouseholdQuery(Guid HouseholdId) : IQuery<HouseholdResponse>;

public sealed class GetHouseholdHandler(ILoyaltyDbContext db) : IQueryHandler<GetHouseholdQuery, HouseholdResponse>
{
    public async ValueTask<HouseholdResponse> Handle(GetHouseholdQuery query, CancellationToken cancellationToken) =>
        await HouseholdComposer.ResponseAsync(db, await HouseholdComposer.FindAsync(db, query.HouseholdId, cancellationToken), cancellationToken);
}
