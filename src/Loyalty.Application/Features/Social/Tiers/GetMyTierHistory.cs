using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record GetMyTierHistoryQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<TierHistoryEntry>>;

public sealed class GetMyTierHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyTierHistoryQuery, Page<TierHistoryEntry>>
{
    public async ValueTask<Page<TierHistoryEntry>> Handle(GetMyTierHistoryQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var before = Paging.DecodeLong(query.Cursor);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        return await MemberTiers.HistoryAsync(db, member.Id, limit, before, cancellationToken);
    }
}
