using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>The member's interests, preferences, household, attributes and consents (partners' attributes are not shown to them here).</summary>
public sealed record ViewMyProfileQuery(string Subject) : IQuery<MyProfileResponse>;

public sealed class ViewMyProfileHandler(ILoyaltyDbContext db) : IQueryHandler<ViewMyProfileQuery, MyProfileResponse>
{
    public async ValueTask<MyProfileResponse> Handle(ViewMyProfileQuery query, CancellationToken cancellationToken)
    {
        var me = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        return await ProfileViews.ReadAsync(db, me.Id, me.MemberNumber, staff: false, cancellationToken);
    }
}
