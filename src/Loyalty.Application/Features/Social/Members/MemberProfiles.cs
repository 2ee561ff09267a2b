using Loyalty.Application.Common;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Application.Features.Social.Members;

public static class MemberProfiles
{
    public static MemberProfileResponse From(Member m, TierSummary tier) =>
        new(m.MemberNumber, m.FirstName, m.LastName, m.Email, m.Phone, m.BirthDate, WireValue.Of<Contracts.Common.MemberStatus>(m.Status), tier, m.EnrolledAt);
}
