using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// A till finds the card of a customer who forgot it, by exact e-mail or phone (the same number however it is
/// spaced or prefixed, see <see cref="Domain.Customised.Profiles.PhoneNumbers"/>; never a partial one). Only an open membership
/// (active or suspended) matches, only one may match (a shared phone is refused: ask for the card or the e-mail),
/// and the answer is the member id and card number — never a name or any profile data.
/// </summary>
public sealed record TillLookUpMemberQuery(PartnerMemberLookupRequest Request) : IQuery<PartnerMemberLookupResponse>;

public sealed class TillLookUpMemberValidator : AbstractValidator<TillLookUpMemberQuery>
{
    public TillLookUpMemberValidator() => ContactLookupRules.Apply(this, q => q.Request.Email, q => q.Request.Phone);
}

public sealed class TillLookUpMemberHandler(ILoyaltyDbContext db) : IQueryHandler<TillLookUpMemberQuery, PartnerMemberLookupResponse>
{
    public async ValueTask<PartnerMemberLookupResponse> Handle(TillLookUpMemberQuery query, CancellationToken cancellationToken)
    {
        var matches = await ContactLookupRules.Matching(db, query.Request.Email, query.Request.Phone)
            .Where(m => m.Status == MemberStatus.Active || m.Status == MemberStatus.Suspended)
            .OrderBy(m => m.MemberNumber).Select(m => new PartnerMemberLookupResponse(m.Id, m.MemberNumber)).Take(2).ToListAsync(cancellationToken);
        return matches.Count switch
        {
            0 => throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has exactly this e-mail or phone number."),
            1 => matches[0],
            _ => throw AppException.Conflict(ErrorCodes.ContactAmbiguous, "More than one member has this phone number: ask for the card or the e-mail address."),
        };
    }
}
