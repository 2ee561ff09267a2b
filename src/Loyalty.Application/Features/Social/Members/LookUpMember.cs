using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>What the till needs to greet a member and offer to pay with points.</summary>
public sealed record LookUpMemberQuery(string MemberNumber) : IQuery<MemberLookupResponse>;

public sealed class LookUpMemberHandler(ILoyaltyDbContext db) : IQueryHandler<LookUpMemberQuery, MemberLookupResponse>
{
    public async ValueTask<MemberLookupResponse> Handle(LookUpMemberQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindByNumberAsync(db, query.MemberNumber, cancellationToken);
        var tier = await db.Tiers.AsNoTracking().SingleAsync(t => t.Id == member.TierId, cancellationToken);
        var available = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == member.Id).Select(a => a.Available).SingleAsync(cancellationToken);
        return new MemberLookupResponse(member.MemberNumber, member.DisplayName, member.Status.ToString(), new TierSummary(tier.Id, tier.Name, tier.Rank), available);
    }
}
