using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// Staff find members by an exact e-mail (any case) or phone number (however spaced or prefixed: see
/// <see cref="PhoneNumbers.Normalise"/>). Phone numbers are not unique
/// (a household may share one), so every match comes back, at most <see cref="LookUpMembersByContactHandler.MaxMatches"/>.
/// </summary>
public sealed record LookUpMembersByContactQuery(StaffMemberLookupRequest Request) : IQuery<MemberMatchesResponse>;

public sealed class LookUpMembersByContactValidator : AbstractValidator<LookUpMembersByContactQuery>
{
    public LookUpMembersByContactValidator() => ContactLookupRules.Apply(this, q => q.Request.Email, q => q.Request.Phone);
}

public sealed class LookUpMembersByContactHandler(ILoyaltyDbContext db) : IQueryHandler<LookUpMembersByContactQuery, MemberMatchesResponse>
{
    public const int MaxMatches = 20;

    public async ValueTask<MemberMatchesResponse> Handle(LookUpMembersByContactQuery query, CancellationToken cancellationToken)
    {
        var members = ContactLookupRules.Matching(db, query.Request.Email, query.Request.Phone).OrderBy(m => m.MemberNumber).Take(MaxMatches);
        return new MemberMatchesResponse(await AdminMemberProjection.Project(db, members.AsNoTracking()).ToListAsync(cancellationToken));
    }
}

/// <summary>The exact-match rules shared by staff and the till.</summary>
public static class ContactLookupRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string?> email, Func<T, string?> phone)
    {
        v.RuleFor(x => email(x)).Must((x, e) => string.IsNullOrWhiteSpace(e) != string.IsNullOrWhiteSpace(phone(x)))
            .WithMessage("Give exactly one of email and phone.").OverridePropertyName("email");
        v.RuleFor(x => email(x)).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(email(x))).OverridePropertyName("email");
        v.RuleFor(x => phone(x)).MaximumLength(32).Matches(@"^\+?[0-9 ()-]{4,32}$").When(x => !string.IsNullOrWhiteSpace(phone(x))).OverridePropertyName("phone");
    }

    public static IQueryable<Member> Matching(ILoyaltyDbContext db, string? email, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = email.Trim().ToUpperInvariant();
            return db.Members.Where(m => m.NormalizedEmail == normalized);
        }

        // The normalised column answers; the number as stored still matches members enrolled before it was kept.
        var typed = phone!.Trim();
        var normalised = PhoneNumbers.Normalise(typed);
        return db.Members.Where(m => m.PhoneNormalised == normalised || m.Phone == typed);
    }
}
