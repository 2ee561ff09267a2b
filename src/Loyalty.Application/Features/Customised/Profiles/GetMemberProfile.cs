using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Staff read a member's profile, including every partner's attributes.</summary>
public sealed record GetMemberProfileQuery(Guid MemberId) : IQuery<AdminMemberProfileResponse>;

public sealed class GetMemberProfileHandler(ILoyaltyDbContext db) : IQueryHandler<GetMemberProfileQuery, AdminMemberProfileResponse>
{
    public async ValueTask<AdminMemberProfileResponse> Handle(GetMemberProfileQuery query, CancellationToken cancellationToken)
    {
        var member = await StaffProfiles.FindMemberAsync(db, query.MemberId, cancellationToken);
        return await ProfileViews.ReadForStaffAsync(db, member.Id, member.MemberNumber, cancellationToken);
    }
}
