using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Staff see every change of a member's consents, newest first, with who recorded it.</summary>
public sealed record ListMemberConsentHistoryQuery(Guid MemberId, int? Limit, string? Cursor) : IQuery<Page<ConsentHistoryEntry>>;

public sealed class ListMemberConsentHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<ListMemberConsentHistoryQuery, Page<ConsentHistoryEntry>>
{
    public async ValueTask<Page<ConsentHistoryEntry>> Handle(ListMemberConsentHistoryQuery query, CancellationToken cancellationToken)
    {
        var member = await StaffProfiles.FindMemberAsync(db, query.MemberId, cancellationToken);
        return await ProfileViews.HistoryAsync(db, member.Id, staff: true, query.Limit, query.Cursor, cancellationToken);
    }
}
