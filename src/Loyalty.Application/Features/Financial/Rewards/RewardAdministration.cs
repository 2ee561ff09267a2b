using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Rewards;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
        RuleFor(c => c.Request.VoucherValidityDays).InclusiveBetween(1, Reward.MaxVoucherValidityDays);
        RuleFor(c => c.Request.AvailableUntil).GreaterThan(c => c.Request.AvailableFrom)
            .When(c => c.Request.AvailableFrom is not null && c.Request.AvailableUntil is not null)
            .WithMessage("availableUntil must be later than availableFrom.");
        RuleFor(c => c.Request.EligibleTierIds).Must(RewardLimits.AreTierIds!).When(c => c.Request.EligibleTierIds is not null).WithMessage(RewardLimits.TierIdsMessage);
    }
}

public sealed class CreateRewardHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateRewardCommand, RewardResponse>
{
    public async ValueTask<RewardResponse> Handle(CreateRewardCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var name = request.Name.Trim();
        await RewardCatalogue.EnsureNameFreeAsync(db, name, except: null, cancellationToken);
        var tiers = await RewardCatalogue.KnownTiersAsync(db, request.EligibleTierIds ?? [], cancellationToken);

        var terms = new RewardTerms(name, request.Description ?? "", request.PointsCost, request.Stock, request.PerMemberLimit, request.AvailableFrom, request.AvailableUntil, request.VoucherValidityDays);
        var reward = Reward.Create(terms, tiers, request.IsActive, clock.GetUtcNow());
        db.Rewards.Add(reward);
        var response = RewardCatalogue.ToResponse(reward);
        audit.Record<RewardResponse>(command.Actor, "reward.created", "reward", reward.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}

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
            RuleFor(c => c.Request.VoucherValidityDays).InclusiveBetween(1, Reward.MaxVoucherValidityDays);
            RuleFor(c => c.Request.AvailableUntil).GreaterThan(c => c.Request.AvailableFrom)
                .When(c => c.Request.AvailableFrom is not null && c.Request.AvailableUntil is not null)
                .WithMessage("availableUntil must be later than availableFrom.");
            RuleFor(c => c.Request.EligibleTierIds).Must(RewardLimits.AreTierIds!).When(c => c.Request.EligibleTierIds is not null).WithMessage(RewardLimits.TierIdsMessage);
        });
    }
}

public sealed class UpdateRewardHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdateRewardCommand, RewardResponse>
{
    public async ValueTask<RewardResponse> Handle(UpdateRewardCommand command, CancellationToken cancellationToken)
    {
        var reward = await db.Rewards.Include(r => r.Tiers).SingleOrDefaultAsync(r => r.Id == command.RewardId, cancellationToken)
            ?? throw RewardCatalogue.NotFound();
        var before = RewardCatalogue.ToResponse(reward);
        var request = command.Request;

        var terms = reward.Terms;
        if (request.Name is not null && request.Name.Trim() != reward.Name)
        {
            terms = terms with { Name = request.Name.Trim() };
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
        };
        var tiers = request.EligibleTierIds is null
            ? reward.EligibleTierIds
            : await RewardCatalogue.KnownTiersAsync(db, request.EligibleTierIds, cancellationToken);

        reward.Revise(terms, tiers, request.IsActive ?? reward.IsActive, clock.GetUtcNow());
        var after = RewardCatalogue.ToResponse(reward);
        audit.Record(command.Actor, "reward.updated", "reward", reward.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}

public sealed record GetRewardQuery(Guid RewardId) : IQuery<RewardResponse>;

public sealed class GetRewardHandler(ILoyaltyDbContext db) : IQueryHandler<GetRewardQuery, RewardResponse>
{
    public async ValueTask<RewardResponse> Handle(GetRewardQuery query, CancellationToken cancellationToken) =>
        RewardCatalogue.ToResponse(
            await db.Rewards.AsNoTracking().Include(r => r.Tiers).SingleOrDefaultAsync(r => r.Id == query.RewardId, cancellationToken)
                ?? throw RewardCatalogue.NotFound());
}

/// <summary>Every reward, active or not, in name order; the cursor is the last name seen (names are unique).</summary>
public sealed record ListRewardsQuery(int? Limit, string? Cursor) : IQuery<Page<RewardResponse>>;

public sealed class ListRewardsHandler(ILoyaltyDbContext db) : IQueryHandler<ListRewardsQuery, Page<RewardResponse>>
{
    public async ValueTask<Page<RewardResponse>> Handle(ListRewardsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var rewards = db.Rewards.AsNoTracking();
        if (after is not null)
        {
            rewards = rewards.Where(r => string.Compare(r.Name, after) > 0);
        }

        var rows = await rewards.OrderBy(r => r.Name).Take(limit + 1).Include(r => r.Tiers).ToListAsync(cancellationToken);
        return Paging.ToPage([.. rows.Select(RewardCatalogue.ToResponse)], limit, r => r.Name);
    }
}

internal static class RewardLimits
{
    public const int NameLength = 100;
    public const int DescriptionLength = 1000;
    public const long MaxPointsCost = 100_000_000;
    public const int MaxStock = 1_000_000_000;
    public const int MaxPerMemberLimit = 1000;
    public const string TierIdsMessage = "eligibleTierIds must be at most 50 distinct tier ids.";

    public static bool AreTierIds(IReadOnlyList<Guid> ids) => ids.Count <= 50 && !ids.Contains(Guid.Empty);
}

/// <summary>What the reward use cases share: look-ups, the admin response, the name and tier checks.</summary>
public static class RewardCatalogue
{
    public static AppException NotFound() => AppException.NotFound("reward_not_found", "No reward has this id.");

    public static RewardResponse ToResponse(Reward r) =>
        new(r.Id, r.Name, r.Description, r.PointsCost, r.Stock, r.PerMemberLimit, r.AvailableFrom, r.AvailableUntil, r.EligibleTierIds, r.VoucherValidityDays, r.IsActive, r.CreatedAt, r.UpdatedAt);

    /// <summary>Names are unique regardless of case (a catalogue with two "Free Coffee" entries confuses members).</summary>
    public static async Task EnsureNameFreeAsync(ILoyaltyDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var upper = name.ToUpperInvariant();
        if (await db.Rewards.AnyAsync(r => r.Name.ToUpper() == upper && r.Id != except, cancellationToken))
        {
            throw AppException.Conflict("reward_name_taken", $"A reward named '{name}' already exists.");
        }
    }

    /// <summary>The distinct tier ids asked for, each of which must exist (there are only a handful of tiers).</summary>
    public static async Task<IReadOnlyList<Guid>> KnownTiersAsync(ILoyaltyDbContext db, IReadOnlyList<Guid> tierIds, CancellationToken cancellationToken)
    {
        if (tierIds.Count == 0)
        {
            return [];
        }

        var known = (await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
        var unknown = tierIds.Where(id => !known.Contains(id)).Distinct().ToList();
        return unknown.Count == 0
            ? [.. tierIds.Distinct()]
            : throw new DomainException("unknown_tier", $"No tier has the id {string.Join(", ", unknown)}.");
    }
}
