using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Financial.Rewards;
using Mediator;

namespace Loyalty.Application.Features.Financial.Rewards;

public sealed record CreateRewardCommand(string Actor, CreateRewardRequest Request) : ICommand<RewardResponse>, ITransactionalCommand;

public sealed class CreateRewardValidator : AbstractValidator<CreateRewardCommand>
{
    public CreateRewardValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(RewardLimits.NameLength);
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
    }
}

public sealed class CreateRewardHandler(ILoyaltyDbContext db, InterestNotifications notifications, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateRewardCommand, RewardResponse>
{
    public async ValueTask<RewardResponse> Handle(CreateRewardCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var name = Names.Clean(request.Name);
        await RewardCatalogue.EnsureNameFreeAsync(db, name, except: null, cancellationToken);
        var tiers = await RewardCatalogue.KnownTiersAsync(db, request.EligibleTierIds ?? [], cancellationToken);
        var topics = await ContentInterestTags.ResolveAsync(db, request.Interests, cancellationToken);

        var terms = new RewardTerms(name, request.Description ?? "", request.PointsCost, request.Stock, request.PerMemberLimit, request.AvailableFrom, request.AvailableUntil, request.VoucherValidityDays, request.Category);
        var now = clock.GetUtcNow();
        var reward = Reward.Create(terms, tiers, request.IsActive, now);
        db.Rewards.Add(reward);
        await ContentInterestTags.SetAsync(db, NotificationContentKind.Reward, reward.Id, topics, cancellationToken);
        var response = RewardCatalogue.ToResponse(reward, await ContentInterestTags.CodesOfAsync(db, topics, cancellationToken));
        audit.Record<RewardResponse>(command.Actor, "reward.created", "reward", reward.Id, null, response);
        await db.SaveChangesAsync(cancellationToken); // the reward and its topics exist before the fan-out joins them
        await RewardCatalogue.NotifyIfAvailableAsync(notifications, reward, now, cancellationToken);
        return response;
    }
}
