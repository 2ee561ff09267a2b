using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Financial.Rewards;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>Changes the fields present in the request (a merge patch); the result is checked as a whole. Audited.</summary>
public sealed record UpdateRewardCommand(string Actor, Guid RewardId, UpdateRewardRequest Request) : ICommand<RewardResponse>, ITransactionalCommand;

public sealed class UpdateRewardValidator : AbstractValidator<UpdateRewardCommand>
{
    public UpdateRewardValidator()
    {
        RuleFor(c => c.Request).NotNull();
        When(c => c.Request is not null, () =>
        {
            RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(RewardLimits.NameLength).When(c => c.Request.Name is not null);
            RuleFor(c => c.Request.Description).MaximumLength(RewardLimits.DescriptionLength);
            RuleFor(c => c.Request.PointsCost).InclusiveBetween(1, RewardLimits.MaxPointsCost);
            RuleFor(c => c.Request.Stock).InclusiveBetween(0, RewardLimits.MaxStock);
            RuleFor(c => c.Request.PerMemberLimit).InclusiveBetween(1, RewardLimits.MaxPerMemberLimit);
            RuleFor(c => c.Request.Category).MaximumLength(Reward.CategoryLength);
            RuleFor(c => c.Request.VoucherValidityDays).InclusiveBetween(1, Reward.MaxVoucherValidityDays);
            RuleFor(c => c.Request.AvailableUntil).GreaterThan(c => c.Request.AvailableFrom)
                .When(c => c.Request.AvailableFrom is not null && c.Request.AvailableUntil is not null)
                .WithMessage("availableUntil must be later than availableFrom.");
            RuleFor(c => c.Request.Interests).InterestCodes();
            RuleFor(c => c.Request.EligibleTierIds).Must(RewardLimits.AreTierIds!).When(c => c.Request.EligibleTierIds is not null).WithMessage(RewardLimits.TierIdsMessage);
        });
    }
}

public sealed class UpdateRewardHandler(ILoyaltyDbContext db, InterestNotifications notifications, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdateRewardCommand, RewardResponse>
{
    public async ValueTask<RewardResponse> Handle(UpdateRewardCommand command, CancellationToken cancellationToken)
    {
        var reward = await db.Rewards.Include(r => r.Tiers).SingleOrDefaultAsync(r => r.Id == command.RewardId, cancellationToken)
            ?? throw RewardCatalogue.NotFound();
        var interests = await ContentInterestTags.CodesAsync(db, NotificationContentKind.Reward, reward.Id, cancellationToken);
        var before = RewardCatalogue.ToResponse(reward, interests);
        var request = command.Request;

        var terms = reward.Terms;
        if (request.Name is not null && Names.Clean(request.Name) != reward.Name)
        {
            terms = terms with { Name = Names.Clean(request.Name) };
            await RewardCatalogue.EnsureNameFreeAsync(db, terms.Name, except: reward.Id, cancellationToken);
        }

        terms = terms with
        {
            Description = request.Description ?? terms.Description,
            PointsCost = request.PointsCost ?? terms.PointsCost,
            Stock = request.HasStock ? request.Stock : terms.Stock,
            PerMemberLimit = request.HasPerMemberLimit ? request.PerMemberLimit : terms.PerMemberLimit,
            AvailableFrom = request.HasAvailableFrom ? request.AvailableFrom : terms.AvailableFrom,
            AvailableUntil = request.HasAvailableUntil ? request.AvailableUntil : terms.AvailableUntil,
            VoucherValidityDays = request.VoucherValidityDays ?? terms.VoucherValidityDays,
            Category = request.HasCategory ? request.Category : terms.Category,
        };
        var tiers = request.EligibleTierIds is null
            ? reward.EligibleTierIds
            : await RewardCatalogue.KnownTiersAsync(db, request.EligibleTierIds, cancellationToken);

        var now = clock.GetUtcNow();
        var wasActive = reward.IsActive;
        reward.Revise(terms, tiers, request.IsActive ?? reward.IsActive, now);
        if (request.Interests is not null)
        {
            var topics = await ContentInterestTags.ResolveAsync(db, request.Interests, cancellationToken);
            await ContentInterestTags.SetAsync(db, NotificationContentKind.Reward, reward.Id, topics, cancellationToken);
            interests = await ContentInterestTags.CodesOfAsync(db, topics, cancellationToken);
        }

        var after = RewardCatalogue.ToResponse(reward, interests);
        audit.Record(command.Actor, "reward.updated", "reward", reward.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);

        // Activated, or given new topics: whoever is newly concerned is told (each member once per reward).
        if (!wasActive || request.Interests is not null)
        {
            await RewardCatalogue.NotifyIfAvailableAsync(notifications, reward, now, cancellationToken);
        }
        return after;
    }
}
