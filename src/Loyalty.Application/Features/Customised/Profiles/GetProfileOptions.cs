using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Wire = Loyalty.Contracts.Common;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>What the app offers to choose from: the active interest topics and the attributes members may fill in.</summary>
public sealed record GetProfileOptionsQuery : IQuery<ProfileOptionsResponse>;

public sealed class GetProfileOptionsHandler(ILoyaltyDbContext db) : IQueryHandler<GetProfileOptionsQuery, ProfileOptionsResponse>
{
    public async ValueTask<ProfileOptionsResponse> Handle(GetProfileOptionsQuery query, CancellationToken cancellationToken)
    {
        var topics = await db.InterestTopics.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Name)
            .Select(t => new InterestTopicSummary(t.Id, t.Code, t.Name)).ToListAsync(cancellationToken);
        var attributes = await db.ProfileAttributeDefinitions.AsNoTracking().Where(d => d.Active && d.MemberEditable).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        return new ProfileOptionsResponse(topics, attributes.Select(d => new ProfileAttributeOption(d.Code, d.Name, WireValue.Of<Wire.AttributeType>(d.Type), d.ChoiceList)).ToList());
    }
}
