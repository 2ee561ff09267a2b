using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record CreateTierCommand(string Actor, CreateTierRequest Request) : ICommand<TierResponse>, ITransactionalCommand;

public sealed class CreateTierValidator : AbstractValidator<CreateTierCommand>
{
    public CreateTierValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Request.Rank).InclusiveBetween(0, 100);
        RuleFor(c => c.Request.EarnMultiplier).InclusiveBetween(1m, 10m).PrecisionScale(4, 2, ignoreTrailingZeros: true);
        RuleFor(c => c.Request.QualificationThreshold).GreaterThanOrEqualTo(0);
        RuleFor(c => c.Request.QualificationThreshold).Equal(0).When(c => c.Request.Rank == 0).WithMessage("The entry tier (rank 0) must have threshold 0.");
    }
}

public sealed class CreateTierHandler(ILoyaltyDbContext db, AuditTrail audit, TierSchemeCache schemes, TimeProvider clock) : ICommandHandler<CreateTierCommand, TierResponse>
{
    public async ValueTask<TierResponse> Handle(CreateTierCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var existing = await db.Tiers.AsNoTracking().ToListAsync(cancellationToken);
        if (existing.Any(t => t.Rank == request.Rank))
        {
            throw AppException.Conflict("tier_rank_taken", $"A tier with rank {request.Rank} already exists.");
        }

        if (existing.Any(t => string.Equals(t.Name, request.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw AppException.Conflict("tier_name_taken", $"A tier named '{request.Name.Trim()}' already exists.");
        }

        // A higher rank must be harder to reach and must not earn less: thresholds and multipliers rise with rank.
        var below = existing.Where(t => t.Rank < request.Rank).MaxBy(t => t.Rank);
        var above = existing.Where(t => t.Rank > request.Rank).MinBy(t => t.Rank);
        if ((below is not null && ((below.QualifyPoints ?? 0) >= request.QualificationThreshold || below.EarnMultiplier > request.EarnMultiplier))
            || (above is not null && ((above.QualifyPoints ?? long.MaxValue) <= request.QualificationThreshold || above.EarnMultiplier < request.EarnMultiplier)))
        {
            throw new Domain.Common.DomainException(
                "tier_out_of_order",
                "Tiers must rise with rank: a higher rank needs a higher threshold and at least the multiplier of the tier below.");
        }

        var tier = Tier.Create(request.Name, request.Rank, request.EarnMultiplier, request.QualificationThreshold, clock.GetUtcNow());
        db.Tiers.Add(tier);
        var response = tier.ToResponse();
        audit.Record<TierResponse>(command.Actor, "tier.created", "tier", tier.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        schemes.Invalidate();
        return response;
    }
}

public sealed record ListTiersQuery : IQuery<IReadOnlyList<TierResponse>>;

public sealed class ListTiersHandler(ILoyaltyDbContext db) : IQueryHandler<ListTiersQuery, IReadOnlyList<TierResponse>>
{
    public async ValueTask<IReadOnlyList<TierResponse>> Handle(ListTiersQuery query, CancellationToken cancellationToken) =>
        await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).ProjectToResponse().ToListAsync(cancellationToken);
}
