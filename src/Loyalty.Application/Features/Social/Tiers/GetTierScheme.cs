using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record GetTierSchemeQuery : IQuery<TierSchemeResponse>;

public sealed class GetTierSchemeHandler(TierSchemeService schemes) : IQueryHandler<GetTierSchemeQuery, TierSchemeResponse>
{
    public async ValueTask<TierSchemeResponse> Handle(GetTierSchemeQuery query, CancellationToken cancellationToken) =>
        await schemes.GetAsync(cancellationToken);
}
