using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Social.Referrals;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>
/// Enrolment shared by the app and the till: a new member starts in the entry tier with an empty account, plus any
/// enrolment bonus the earning rules give (in the same transaction).
/// </summary>
public sealed class MemberEnrolment(ILoyaltyDbContext db, EarningEngine earning, ReferralEnrolment referrals, EventOutbox outbox, TimeProvider clock)
{
    public async Task<(Member Member, Tier Tier)> EnrolAsync(
        MemberDetails details,
        EnrolmentChannel channel,
        string? externalId,
        Guid? partnerId,
        Guid? storeId,
        string? referralCode,
        CancellationToken cancellationToken)
    {
        var normalizedEmail = details.Email.Trim().ToUpperInvariant();
        if (await db.Members.AnyAsync(m => m.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.EmailAlreadyEnrolled, "A member with this e-mail address already exists.");
        }

        var entryTier = await db.Tiers.Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).FirstOrDefaultAsync(cancellationToken)
            ?? throw AppException.Conflict(ErrorCodes.ProgrammeNotConfigured, "No tiers are configured yet: an admin must create the entry tier first.");

        var referrer = string.IsNullOrWhiteSpace(referralCode) ? null : await referrals.FindReferrerAsync(referralCode, cancellationToken);
        var now = clock.GetUtcNow();
        var member = Member.Enrol(await UnusedNumberAsync(cancellationToken), details, entryTier.Id, channel, now, externalId, partnerId, storeId);
        db.Members.Add(member);
        db.PointsAccounts.Add(PointsAccount.Open(member.Id, now));
        await referrals.AttachAsync(member, referrer, now, cancellationToken);
        db.TierChanges.Add(TierChange.Record(member.Id, null, entryTier.Id, TierChangeReason.Enrolment, null, now));
        outbox.Add(
            new MemberEnrolledV1(member.MemberNumber, WireValue.Of<EnrolmentChannelValue>(channel), storeId, new EnrolmentTier(entryTier.Id, entryTier.Name), Referred: referrer is not null, now),
            member.Id,
            partnerId);
        await db.SaveChangesAsync(cancellationToken);
        await earning.CreditEnrolmentBonusAsync(member, entryTier, cancellationToken);
        return (member, entryTier);
    }

    /// <summary>
    /// Card numbers are random (10 free digits), so collisions are rare but real once the club is large:
    /// draw again rather than fail an enrolment. The unique index still guards a collision between two racing requests.
    /// </summary>
    private async Task<MemberNumber> UnusedNumberAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var number = MemberNumber.Generate();
            if (!await db.Members.AnyAsync(m => m.MemberNumber == number.Value, cancellationToken))
            {
                return number;
            }
        }

        throw new InvalidOperationException("Could not draw an unused member number in 5 attempts; the number space is nearly full.");
    }
}

/// <summary>The personal-detail rules every enrolment channel applies.</summary>
public static class MemberDetailsRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string> first, Func<T, string> last, Func<T, string> email, Func<T, string?> phone, Func<T, DateOnly?> birth, Func<T, string?> referralCode, Func<DateOnly> today)
    {
        v.RuleFor(x => first(x)).NotEmpty().MaximumLength(100).OverridePropertyName("firstName");
        v.RuleFor(x => last(x)).NotEmpty().MaximumLength(100).OverridePropertyName("lastName");
        v.RuleFor(x => email(x)).NotEmpty().MaximumLength(254).EmailAddress().OverridePropertyName("email");
        v.RuleFor(x => phone(x)).MaximumLength(32).Matches(@"^\+?[0-9 ()-]{4,32}$").When(x => phone(x) is not null).OverridePropertyName("phone");
        v.RuleFor(x => referralCode(x)).MaximumLength(20).OverridePropertyName("referralCode");
        v.RuleFor(x => birth(x))
            .Must(d => d is null || (d.Value <= today() && d.Value.Year >= 1900))
            .WithMessage("birthDate must be a real date in the past.")
            .OverridePropertyName("birthDate");
    }
}
