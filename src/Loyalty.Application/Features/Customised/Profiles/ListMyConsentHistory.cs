using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Every change of the member's consents, newest first: what, when and through which source.</summary>
public sealed record ListMyConsentHistoryQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<ConsentHistoryEntry>>;

public sealed class ListMyConsentHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<ListMyConsentHistoryQuery, Page<ConsentHistoryEntry>>
{
    public async ValueTask<Page<ConsentHistoryEntry>> Handle(ListMyConsentHistoryQuery query, CancellationToken cancellationToken)
    {
        var me = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        return await ProfileViews.HistoryAsync(db, me.Id, staff: false, query.Limit, query.Cursor, cancellationToken);
    }
}
