using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
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
        var number = MemberLookup.Normalize(query.MemberNumber);
        // One round trip: the till asks on every sale.
        var found = await (from m in db.Members.AsNoTracking()
                           join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                           join a in db.PointsAccounts.AsNoTracking() on m.Id equals a.MemberId
                           where m.MemberNumber == number
                           select new { Member = m, Tier = t, a.Available }).SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.UnknownNumber();
        var (member, tier, available) = (found.Member, found.Tier, found.Available);
        return new MemberLookupResponse(member.MemberNumber, member.DisplayName, WireValue.Of<MemberStatus>(member.Status), new TierSummary(tier.Id, tier.Name, tier.Rank), available);
    }
}
