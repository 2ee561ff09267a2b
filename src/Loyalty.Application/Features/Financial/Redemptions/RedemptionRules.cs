using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Partners;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>What an authorisation checks before it holds points, shared with its dry run so the two cannot disagree.</summary>
public static class RedemptionRules
{
    /// <summary>The partner's own open store, then a member allowed to spend, in the order the authorisation checks them.</summary>
    public static async Task<(Store Store, Member Member)> PartiesAsync(ILoyaltyDbContext db, Guid partnerId, RedeemPointsRequest request, CancellationToken cancellationToken)
    {
        var store = await PartnerStores.FindActiveAsync(db, partnerId, request.StoreId, cancellationToken);
        var member = await MemberLookup.FindByNumberAsync(db, request.MemberNumber, cancellationToken);
        member.EnsureCanTransact();
        return (store, member);
    }

    /// <summary>The balance never goes below zero: a hold needs that many points available.</summary>
    public static bool Covers(long available, long points) => available >= points;

    public static DomainException InsufficientPoints(long points) => new(ErrorCodes.InsufficientPoints, $"The member does not have {points} points available.");
}

public sealed class RedeemPointsRequestValidator : AbstractValidator<RedeemPointsRequest>
{
    public RedeemPointsRequestValidator()
    {
        RuleFor(r => r.MemberNumber).MemberNumber();
        RuleFor(r => r.StoreId).NotEmpty();
        RuleFor(r => r.Points).GreaterThan(0).LessThanOrEqualTo(100_000_000);
        RuleFor(r => r.Reference).MaximumLength(100);
    }
}
