using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Offers;
using Microsoft.EntityFrameworkCore;
using NotificationContentKind = Loyalty.Domain.Customised.Notifications.NotificationContentKind;
using OfferBenefitKind = Loyalty.Domain.Customised.Offers.OfferBenefitKind;
using OfferStatus = Loyalty.Domain.Customised.Offers.OfferStatus;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>What the offer use cases share: request checks, the request as domain terms, the staff view.</summary>
public static class PersonalOffers
{
    public const int MaxTargets = 10_000;

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.OfferNotFound, "No offer has this id.");

    public static OfferBenefit BenefitOf(OfferBenefitDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new(Enum.Parse<OfferBenefitKind>(dto.Kind.ToString()), dto.BonusPoints, dto.Factor, dto.Category, dto.Sku, dto.RewardId);
    }

    public static OfferBenefitDto ToDto(OfferBenefit benefit)
    {
        ArgumentNullException.ThrowIfNull(benefit);
        return new(WireValue.Of<Contracts.Common.OfferBenefitKind>(benefit.Kind), benefit.BonusPoints, benefit.Factor, benefit.Category, benefit.Sku, benefit.RewardId);
    }

    /// <summary>
    /// The request as terms, with its distinct named member ids (none for a segment); the members, the segment and the
    /// reward must exist (422 unknown_member, unknown_segment, reward_not_found), the interests must be active topics
    /// (422 unknown_interest_topic).
    /// </summary>
    public static async Task<(OfferTerms Terms, IReadOnlyList<Guid> Members, IReadOnlyList<Guid> Topics)> ReadAsync(ILoyaltyDbContext db, PersonalOfferRequest r, CancellationToken cancellationToken)
    {
        var terms = new OfferTerms(r.Name, r.Description ?? "", r.StartsAt, r.EndsAt, r.PerMemberLimit, r.RequiresActivation, r.ControlShare, BenefitOf(r.Benefit), r.SegmentId);
        var named = r.MemberIds ?? [];
        if ((r.SegmentId is null) == (named.Count == 0))
        {
            throw new DomainException(ErrorCodes.InvalidOffer, "An offer targets either named members (memberIds) or a segment (segmentId), one of them.");
        }

        if (r.SegmentId is { } segmentId && !await db.Segments.AnyAsync(x => x.Id == segmentId, cancellationToken))
        {
            throw new DomainException(ErrorCodes.UnknownSegment, "No segment has this id.");
        }

        if (r.Benefit.RewardId is { } rewardId && r.Benefit.Kind == Contracts.Common.OfferBenefitKind.Voucher
            && !await db.Rewards.AnyAsync(x => x.Id == rewardId, cancellationToken))
        {
            throw new DomainException(ErrorCodes.RewardNotFound, "No reward has this id.");
        }

        var wanted = named.Distinct().ToList();
        var known = new HashSet<Guid>();
        foreach (var chunk in wanted.Chunk(1000))
        {
            known.UnionWith(await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken));
        }

        var unknown = wanted.Where(id => !known.Contains(id)).Take(5).ToList();
        var topics = await ContentInterestTags.ResolveAsync(db, r.Interests, cancellationToken);
        return unknown.Count == 0
            ? (terms, wanted, topics)
            : throw new DomainException(ErrorCodes.UnknownMember, $"No member has the id {string.Join(", ", unknown)}.");
    }

    /// <summary>Replaces a draft's named audience.</summary>
    public static async Task SetTargetsAsync(ILoyaltyDbContext db, Guid offerId, IReadOnlyList<Guid> members, CancellationToken cancellationToken)
    {
        await db.OfferTargets.Where(t => t.OfferId == offerId).ExecuteDeleteAsync(cancellationToken);
        db.OfferTargets.AddRange(members.Select(m => OfferTarget.For(offerId, m)));
    }

    public static async Task<PersonalOfferResponse> ResponseAsync(ILoyaltyDbContext db, PersonalOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var targeted = offer.Status == OfferStatus.Draft
            ? offer.SegmentId is { } segment
                ? await db.SegmentMembers.CountAsync(m => m.SegmentId == segment, cancellationToken)
                : await db.OfferTargets.CountAsync(t => t.OfferId == offer.Id, cancellationToken)
            : offer.TreatmentCount + offer.ControlCount;
        return ToResponse(offer, targeted, await ContentInterestTags.CodesAsync(db, NotificationContentKind.Offer, offer.Id, cancellationToken));
    }

    public static PersonalOfferResponse ToResponse(PersonalOffer offer, int targeted, IReadOnlyList<string> interests)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(
            offer.Id,
            offer.Name,
            offer.Description,
            WireValue.Of<Contracts.Common.OfferStatus>(offer.Status),
            offer.StartsAt,
            offer.EndsAt,
            offer.PerMemberLimit,
            offer.RequiresActivation,
            offer.ControlShare,
            ToDto(offer.Benefit),
            offer.SegmentId,
            targeted,
            offer.TreatmentCount,
            offer.ControlCount,
            offer.CreatedAt,
            offer.UpdatedAt,
            offer.PublishedAt,
            offer.WithdrawnAt,
            interests);
    }
}

/// <summary>The shape of a create or replace request; the domain checks the terms as a whole.</summary>
public sealed class PersonalOfferRequestValidator : AbstractValidator<PersonalOfferRequest>
{
    public PersonalOfferRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(2000);
        RuleFor(r => r.PerMemberLimit).InclusiveBetween(1, PersonalOffer.MaxPerMemberLimit);
        RuleFor(r => r.ControlShare).InclusiveBetween(0m, PersonalOffer.MaxControlShare).PrecisionScale(5, 4, ignoreTrailingZeros: true);
        RuleFor(r => r.Benefit).NotNull();
        RuleFor(r => r.Benefit.Factor).PrecisionScale(9, 4, ignoreTrailingZeros: true).When(r => r.Benefit?.Factor is not null);
        RuleFor(r => r.Benefit.Category).MaximumLength(100).When(r => r.Benefit is not null);
        RuleFor(r => r.Benefit.Sku).MaximumLength(100).When(r => r.Benefit is not null);
        RuleFor(r => r.Interests).InterestCodes();
        RuleFor(r => r.MemberIds).Must(ids => ids is null || ids.Count <= PersonalOffers.MaxTargets)
            .WithMessage($"An offer names at most {PersonalOffers.MaxTargets} members.");
    }
}
