using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

internal static class StaffProfiles
{
    public static async Task<Member> FindMemberAsync(ILoyaltyDbContext db, Guid memberId, CancellationToken cancellationToken) =>
        await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
}
