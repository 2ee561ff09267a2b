using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>This partner's attributes of a member, by key; another partner's are never part of the answer.</summary>
public sealed record GetPartnerAttributesQuery(Guid PartnerId, string MemberNumber) : IQuery<PartnerAttributesResponse>;

public sealed class GetPartnerAttributesHandler(ILoyaltyDbContext db) : IQueryHandler<GetPartnerAttributesQuery, PartnerAttributesResponse>
{
    public async ValueTask<PartnerAttributesResponse> Handle(GetPartnerAttributesQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindByNumberAsync(db, query.MemberNumber, cancellationToken);
        return await PartnerAttributeReads.ReadAsync(db, query.PartnerId, member.Id, member.MemberNumber, cancellationToken);
    }
}

internal static class PartnerAttributeReads
{
    public static async Task<PartnerAttributesResponse> ReadAsync(ILoyaltyDbContext db, Guid partnerId, Guid memberId, string memberNumber, CancellationToken cancellationToken) =>
        new(memberNumber, await db.PartnerMemberAttributes.AsNoTracking()
            .Where(a => a.PartnerId == partnerId && a.MemberId == memberId)
            .OrderBy(a => a.Key)
            .Select(a => new PartnerAttribute(a.Key, a.Value, a.UpdatedAt))
            .ToListAsync(cancellationToken));
}
