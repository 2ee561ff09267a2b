using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Household composition shared by create and replace: open members only, each in at most one household.</summary>
public sealed class HouseholdComposer(ILoyaltyDbContext db, ProfileUpdater profiles, TimeProvider clock)
{
    public const int MaxMembers = 12;

    public async Task ComposeAsync(Household household, IReadOnlyList<Guid> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.Distinct().ToList();
        var found = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Status }).ToListAsync(cancellationToken);
        var missing = ids.Except(found.Select(m => m.Id)).ToList();
        if (missing.Count > 0)
        {
            throw AppException.NotFound(ErrorCodes.MemberNotFound, $"No member has the id {string.Join(", ", missing)}.");
        }

        if (found.Any(m => m.Status is MemberStatus.Closed or MemberStatus.Merged))
        {
            throw new DomainException(ErrorCodes.MemberClosed, "Closed or merged members cannot join a household.");
        }

        var elsewhere = await db.MemberProfiles.AnyAsync(p => ids.Contains(p.MemberId) && p.HouseholdId != null && p.HouseholdId != household.Id, cancellationToken);
        if (elsewhere)
        {
            throw AppException.Conflict(ErrorCodes.MemberInHousehold, "A member is already in another household: remove them from it first.");
        }

        var now = clock.GetUtcNow();
        foreach (var leaving in await db.MemberProfiles.Where(p => p.HouseholdId == household.Id && !ids.Contains(p.MemberId)).ToListAsync(cancellationToken))
        {
            leaving.LeaveHousehold(now);
        }

        foreach (var id in ids)
        {
            (await profiles.ProfileOfAsync(id, now, cancellationToken)).JoinHousehold(household.Id, now);
        }
    }

    public static async Task<HouseholdResponse> ResponseAsync(ILoyaltyDbContext db, Household household, CancellationToken cancellationToken)
    {
        var members = await (from p in db.MemberProfiles.AsNoTracking()
                             where p.HouseholdId == household.Id
                             join m in db.Members.AsNoTracking() on p.MemberId equals m.Id
                             orderby m.MemberNumber
                             select new HouseholdMemberEntry(m.Id, m.MemberNumber, m.Id == household.HeadMemberId)).ToListAsync(cancellationToken);
        return new HouseholdResponse(household.Id, household.HeadMemberId, members, household.CreatedAt);
    }

    public static async Task<Household> FindAsync(ILoyaltyDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Households.SingleOrDefaultAsync(h => h.Id == id, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.HouseholdNotFound, "No household has this id.");
}

public sealed class HouseholdRequestValidator : AbstractValidator<HouseholdRequest>
{
    public HouseholdRequestValidator()
    {
        RuleFor(r => r.HeadMemberId).NotEmpty();
        RuleFor(r => r.MemberIds).NotNull().Must(ids => ids.Count is > 0 and <= HouseholdComposer.MaxMembers)
            .WithMessage($"A household has 1 to {HouseholdComposer.MaxMembers} members.");
        RuleFor(r => r).Must(r => r.MemberIds is not null && r.MemberIds.Contains(r.HeadMemberId))
            .WithMessage("The head must be one of the members.").OverridePropertyName("headMemberId");
    }
}
