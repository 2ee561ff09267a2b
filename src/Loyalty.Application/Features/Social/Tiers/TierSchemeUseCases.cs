using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record GetTierSchemeQuery : IQuery<TierSchemeResponse>;

public sealed class GetTierSchemeHandler(TierSchemeService schemes) : IQueryHandler<GetTierSchemeQuery, TierSchemeResponse>
{
    public async ValueTask<TierSchemeResponse> Handle(GetTierSchemeQuery query, CancellationToken cancellationToken) =>
        await schemes.GetAsync(cancellationToken);
}

public sealed record ListTierSchemeVersionsQuery : IQuery<IReadOnlyList<TierSchemeVersionResponse>>;

public sealed class ListTierSchemeVersionsHandler(ILoyaltyDbContext db) : IQueryHandler<ListTierSchemeVersionsQuery, IReadOnlyList<TierSchemeVersionResponse>>
{
    public const int Limit = 100;

    public async ValueTask<IReadOnlyList<TierSchemeVersionResponse>> Handle(ListTierSchemeVersionsQuery query, CancellationToken cancellationToken) =>
        [.. (await db.TierSchemeVersions.AsNoTracking().OrderByDescending(v => v.Version).Take(Limit).ToListAsync(cancellationToken)).Select(TierSchemeMapping.ToResponse)];
}

/// <summary>
/// Replaces the tier scheme from effectiveFrom: at once when it is now or earlier (or omitted), else by the job when
/// it is due. A newer submission replaces a pending one. Audited.
/// </summary>
public sealed record ChangeTierSchemeCommand(string Actor, TierSchemeRequest Request) : ICommand<TierSchemeResponse>, ITransactionalCommand;

public sealed class TierSchemeRequestValidator : AbstractValidator<TierSchemeRequest>
{
    public const int MaxPerkLength = 100;

    public TierSchemeRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.WindowKind).NotEmpty().IsEnumName(typeof(QualificationWindowKind), caseSensitive: false)
            .WithMessage("windowKind is one of rollingMonths, calendarYear, sinceLastChange.");
        RuleFor(r => r.DowngradeMode).NotEmpty().IsEnumName(typeof(DowngradeMode), caseSensitive: false)
            .WithMessage("downgradeMode is one of oneTier, toQualifiedTier.");
        RuleFor(r => r.SpendCurrency).NotEmpty().Must(Money.IsCurrencyCode).WithMessage("spendCurrency must be an ISO 4217 code such as EUR.");
        RuleFor(r => r.EffectiveFrom).LessThan(_ => clock.GetUtcNow().AddYears(2)).When(r => r.EffectiveFrom is not null)
            .WithMessage("effectiveFrom can be at most two years ahead.");
        RuleFor(r => r.Tiers).NotNull().Must(t => t.Count is > 0 and <= TierScheme.MaxTiers).WithMessage($"A scheme has 1–{TierScheme.MaxTiers} tiers.");
        RuleForEach(r => r.Tiers).NotNull().ChildRules(tier =>
        {
            tier.RuleFor(t => t.Name).NotEmpty().MaximumLength(50);
            tier.RuleFor(t => t.Rank).InclusiveBetween(0, 100);
            tier.RuleFor(t => t.Qualify!).SetValidator(new ThresholdsValidator()).When(t => t.Qualify is not null);
            tier.RuleFor(t => t.Retain!).SetValidator(new ThresholdsValidator()).When(t => t.Retain is not null);
            tier.RuleFor(t => t.Benefits!.EarnMultiplier).LessThanOrEqualTo(10m).PrecisionScale(4, 2, ignoreTrailingZeros: true).When(t => t.Benefits is not null);
            tier.RuleFor(t => t.Benefits!.RewardDiscountPercent).PrecisionScale(5, 2, ignoreTrailingZeros: true).When(t => t.Benefits is not null);
            tier.RuleFor(t => t.Benefits!.SupportResponseHours).InclusiveBetween(1, 24 * 366).When(t => t.Benefits is not null);
            tier.RuleFor(t => t.Benefits!.Perks).Must(p => p!.Count <= Tier.MaxPerks).WithMessage($"At most {Tier.MaxPerks} perks.")
                .When(t => t.Benefits?.Perks is not null);
            tier.RuleForEach(t => t.Benefits!.Perks).NotEmpty().MaximumLength(MaxPerkLength).When(t => t.Benefits?.Perks is not null);
        }).When(r => r.Tiers is not null);
    }

    private sealed class ThresholdsValidator : AbstractValidator<TierThresholdsDto>
    {
        public ThresholdsValidator()
        {
            RuleFor(t => t.PointsEarned).LessThanOrEqualTo(1_000_000_000_000L);
            RuleFor(t => t.Spend).LessThanOrEqualTo(1_000_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            RuleFor(t => t.Visits).LessThanOrEqualTo(1_000_000);
        }
    }
}

public sealed class ChangeTierSchemeValidator : AbstractValidator<ChangeTierSchemeCommand>
{
    public ChangeTierSchemeValidator(TimeProvider clock) =>
        RuleFor(c => c.Request).NotNull().SetValidator(new TierSchemeRequestValidator(clock));
}

public sealed class ChangeTierSchemeHandler(TierSchemeService schemes) : ICommandHandler<ChangeTierSchemeCommand, TierSchemeResponse>
{
    public async ValueTask<TierSchemeResponse> Handle(ChangeTierSchemeCommand command, CancellationToken cancellationToken)
    {
        await schemes.SubmitAsync(command.Request, command.Actor, cancellationToken);
        return await schemes.GetAsync(cancellationToken);
    }
}

/// <summary>Withdraws a version that has not taken effect yet; race-free against the job applying it.</summary>
public sealed record CancelTierSchemeVersionCommand(string Actor, Guid VersionId) : ICommand<TierSchemeVersionResponse>, ITransactionalCommand;

public sealed class CancelTierSchemeVersionHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CancelTierSchemeVersionCommand, TierSchemeVersionResponse>
{
    public async ValueTask<TierSchemeVersionResponse> Handle(CancelTierSchemeVersionCommand command, CancellationToken cancellationToken)
    {
        var version = await db.TierSchemeVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == command.VersionId, cancellationToken)
            ?? throw AppException.NotFound("tier_scheme_version_not_found", "No tier scheme version has this id.");
        var now = clock.GetUtcNow();
        var cancelled = await db.TierSchemeVersions.Where(v => v.Id == version.Id && v.AppliedAt == null && v.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.CancelledAt, now).SetProperty(v => v.CancelledBy, command.Actor), cancellationToken);
        if (cancelled == 0)
        {
            throw TierSchemeService.VersionNotPending(version.Version);
        }

        var after = TierSchemeMapping.ToResponse(await db.TierSchemeVersions.AsNoTracking().SingleAsync(v => v.Id == version.Id, cancellationToken));
        audit.Record(command.Actor, "tier_scheme.cancelled", "tier_scheme_version", version.Id, TierSchemeMapping.ToResponse(version), after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}

/// <summary>The job's work: applies the version whose date has come, if any.</summary>
public sealed record ApplyDueTierSchemeCommand : ICommand<int>;

public sealed class ApplyDueTierSchemeHandler(ILoyaltyDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<ApplyDueTierSchemeCommand, int>
{
    public async ValueTask<int> Handle(ApplyDueTierSchemeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.TierSchemeVersions.AsNoTracking()
            .Where(v => v.AppliedAt == null && v.CancelledAt == null && v.EffectiveFrom <= now)
            .OrderBy(v => v.Version).Select(v => v.Id).ToListAsync(cancellationToken);
        var applied = 0;
        foreach (var id in due)
        {
            if (await sender.Send(new ApplyTierSchemeVersionCommand(id), cancellationToken))
            {
                applied++;
            }
        }

        return applied;
    }
}

/// <summary>
/// Applies one due version. The claim is a conditional update (AppliedAt IS NULL): of two instances, or a cancel in
/// the same instant, one wins and the other changes nothing.
/// </summary>
public sealed record ApplyTierSchemeVersionCommand(Guid VersionId) : ICommand<bool>, ITransactionalCommand;

public sealed class ApplyTierSchemeVersionHandler(ILoyaltyDbContext db, TierSchemeService schemes, TimeProvider clock) : ICommandHandler<ApplyTierSchemeVersionCommand, bool>
{
    public async ValueTask<bool> Handle(ApplyTierSchemeVersionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.TierSchemeVersions
            .Where(v => v.Id == command.VersionId && v.AppliedAt == null && v.CancelledAt == null && v.EffectiveFrom <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.AppliedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var version = await db.TierSchemeVersions.AsNoTracking().SingleAsync(v => v.Id == command.VersionId, cancellationToken);
        await schemes.ApplyAsync(TierSchemeService.ReadDefinition(version), version, version.CreatedBy, now, cancellationToken);
        return true;
    }
}
