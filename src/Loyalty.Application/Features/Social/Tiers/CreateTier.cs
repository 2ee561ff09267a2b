using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
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

/// <summary>
/// Adds one tier to the current scheme: a new scheme version (the current tiers by id plus this one), effective now,
/// so history and audit see it like any other scheme change. Refused while a scheme change is pending.
/// </summary>
public sealed class CreateTierHandler(ILoyaltyDbContext db, TierSchemeService schemes) : ICommandHandler<CreateTierCommand, TierResponse>
{
    public async ValueTask<TierResponse> Handle(CreateTierCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        if (await db.TierSchemeVersions.AnyAsync(v => v.AppliedAt == null && v.CancelledAt == null, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.TierSchemeChangePending, "A tier scheme change is scheduled: change the scheme with PUT /api/v1/admin/tier-scheme instead.");
        }

        var existing = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).ToListAsync(cancellationToken);
        if (existing.Any(t => t.Rank == request.Rank))
        {
            throw AppException.Conflict(ErrorCodes.TierRankTaken, $"A tier with rank {request.Rank} already exists.");
        }

        if (existing.Any(t => string.Equals(t.Name, Names.Clean(request.Name), StringComparison.OrdinalIgnoreCase)))
        {
            throw AppException.Conflict(ErrorCodes.TierNameTaken, $"A tier named '{request.Name.Trim()}' already exists.");
        }

        // A higher rank must be harder to reach and must not earn less: thresholds and multipliers rise with rank.
        var below = existing.Where(t => t.Rank < request.Rank).MaxBy(t => t.Rank);
        var above = existing.Where(t => t.Rank > request.Rank).MinBy(t => t.Rank);
        if ((below is not null && ((below.QualifyPoints ?? 0) >= request.QualificationThreshold || below.EarnMultiplier > request.EarnMultiplier))
            || (above is not null && ((above.QualifyPoints ?? long.MaxValue) <= request.QualificationThreshold || above.EarnMultiplier < request.EarnMultiplier)))
        {
            throw new Domain.Common.DomainException(
                ErrorCodes.TierOutOfOrder,
                "Tiers must rise with rank: a higher rank needs a higher threshold and at least the multiplier of the tier below.");
        }

        var programme = await db.TierProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == TierProgramme.SingletonId, cancellationToken);
        var settings = TierSchemeMapping.ToResponse(programme?.Settings ?? TierProgrammeSettings.Default);
        var added = new TierDefinitionDto(
            null,
            Names.Clean(request.Name),
            request.Rank,
            request.Rank == 0 ? null : new TierThresholdsDto(request.QualificationThreshold),
            null,
            new TierBenefitsDto(request.EarnMultiplier));
        var scheme = new TierSchemeRequest(
            null, settings.WindowKind, settings.WindowMonths, settings.GraceDays, settings.DowngradeMode, settings.SpendCurrency,
            [.. existing.OrderBy(t => t.Rank).Select(TierSchemeMapping.ToDefinition), added]);
        await schemes.SubmitAsync(scheme, command.Actor, cancellationToken);
        var tier = await db.Tiers.AsNoTracking().SingleAsync(t => t.RetiredAt == null && t.Rank == request.Rank, cancellationToken);
        return TierSchemeMapping.ToResponse(tier);
    }
}
