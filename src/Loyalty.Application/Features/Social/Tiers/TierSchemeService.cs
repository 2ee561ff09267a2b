using System.Text.Json;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Submits and applies tier scheme versions. Applying updates tiers by id (members, rules and rewards that point at a
/// tier keep working), adds new ones, retires the ones left out and moves their members down, set-based.
/// </summary>
public sealed class TierSchemeService(ILoyaltyDbContext db, ICacheGenerations generations, ITierMoves moves, AuditTrail audit, TierSchemeCache cache, TimeProvider clock)
{
    /// <summary>Stores a new version (replacing a pending one); applies it at once when it is effective now or earlier.</summary>
    public async Task<TierSchemeVersion> SubmitAsync(TierSchemeRequest request, string actor, CancellationToken cancellationToken)
    {
        var scheme = TierSchemeMapping.ToDomain(request);
        scheme.Validate();
        var current = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).ToListAsync(cancellationToken);
        CheckAgainstCurrent(request, current);

        var now = clock.GetUtcNow();
        foreach (var pending in await db.TierSchemeVersions.Where(v => v.AppliedAt == null && v.CancelledAt == null).ToListAsync(cancellationToken))
        {
            pending.Cancel(actor, now); // one pending version at a time: the newer submission replaces it
            audit.Record<object>(actor, "tier_scheme.replaced", "tier_scheme_version", pending.Id, null, new { pending.Version });
        }

        var number = (await db.TierSchemeVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
        var version = TierSchemeVersion.Submit(number, request.EffectiveFrom ?? now, Json.Serialize(request with { EffectiveFrom = null }), actor, now);
        db.TierSchemeVersions.Add(version);
        audit.Record(actor, "tier_scheme.submitted", "tier_scheme_version", version.Id, null, TierSchemeMapping.ToResponse(version));
        if (version.EffectiveFrom <= now)
        {
            version.MarkApplied(now);
            await ApplyAsync(request, version, actor, now, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return version;
    }

    /// <summary>Makes a version's scheme the one in force. The caller has claimed the version (AppliedAt set) in this transaction.</summary>
    public async Task<int> ApplyAsync(TierSchemeRequest request, TierSchemeVersion version, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scheme = TierSchemeMapping.ToDomain(request);
        scheme.Validate();
        var current = await db.Tiers.Where(t => t.RetiredAt == null).ToListAsync(cancellationToken);
        CheckAgainstCurrent(request, current);
        var before = current.OrderBy(t => t.Rank).Select(TierSchemeMapping.ToResponse).ToList();

        var oldRank = current.ToDictionary(t => t.Id, t => t.Rank);
        var kept = request.Tiers.Where(d => d.Id is not null).Select(d => d.Id!.Value).ToHashSet();
        var retired = current.Where(t => !kept.Contains(t.Id)).ToList();
        foreach (var tier in retired)
        {
            tier.Retire(now);
        }

        // Two steps, so the unique indexes on rank and name never see two tiers swap places in one statement.
        var placeholder = -1;
        foreach (var tier in current.Where(t => kept.Contains(t.Id)))
        {
            tier.Park(placeholder--, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (dto, definition) in request.Tiers.Zip(scheme.Tiers))
        {
            if (dto.Id is { } id)
            {
                current.Single(t => t.Id == id).Define(definition, now);
            }
            else
            {
                db.Tiers.Add(Tier.Create(definition, now));
            }
        }

        var programme = await db.TierProgrammes.SingleOrDefaultAsync(p => p.Id == TierProgramme.SingletonId, cancellationToken);
        if (programme is null)
        {
            db.TierProgrammes.Add(TierProgramme.Create(scheme.Settings, now));
        }
        else
        {
            programme.Apply(scheme.Settings, now);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Members of a retired tier go to the highest kept tier that was below it (the entry tier at worst).
        var moved = 0;
        foreach (var tier in retired)
        {
            var target = current.Where(t => kept.Contains(t.Id) && oldRank[t.Id] < oldRank[tier.Id]).MaxBy(t => oldRank[t.Id])!;
            var move = new TierMove(tier, target, TierChangeReason.SchemeChanged, now, ReviewAt(target, scheme.Settings, now), null, null, now, actor);
            moved += await moves.MoveTierMembersAsync(move, cancellationToken);
        }

        var after = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken);
        audit.Record(
            actor,
            "tier_scheme.applied",
            "tier_scheme_version",
            version.Id,
            (object)new { tiers = before },
            (object)new { version.Version, settings = TierSchemeMapping.ToResponse(scheme.Settings), tiers = after.Select(TierSchemeMapping.ToResponse).ToList(), retired = retired.Select(t => t.Id).ToList(), membersMoved = moved });
        generations.Touch(CacheArea.TierScheme); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);

        cache.Invalidate(); // this instance sees the new scheme at once, others within a second (the stamp above)
        return moved;
    }

    /// <summary>The rules between a submitted scheme and the tiers in force: ids must be current tiers, and the entry tier stays the entry tier.</summary>
    private static void CheckAgainstCurrent(TierSchemeRequest request, List<Tier> current)
    {
        var ids = request.Tiers.Where(d => d.Id is not null).Select(d => d.Id!.Value).ToList();
        if (ids.Count != ids.Distinct().Count())
        {
            throw new DomainException(ErrorCodes.DuplicateTierId, "Each existing tier can appear once in a scheme.");
        }

        if (ids.FirstOrDefault(id => current.All(t => t.Id != id)) is var unknown && unknown != Guid.Empty)
        {
            throw new DomainException(ErrorCodes.UnknownTier, $"No current tier has id {unknown}: omit the id to add a new tier.");
        }

        var entry = current.SingleOrDefault(t => t.Rank == 0);
        if (entry is not null && request.Tiers.Single(d => d.Rank == 0).Id != entry.Id)
        {
            throw new DomainException(
                ErrorCodes.EntryTierReplaced,
                $"The entry tier stays: the rank-0 tier of the scheme must be the current entry tier '{entry.Name}' (id {entry.Id}); rename or restyle it instead.");
        }
    }

    /// <summary>A member moved into a tier by a scheme change is reviewed like one who qualified for it now (never in the entry tier).</summary>
    private static DateTimeOffset? ReviewAt(Tier tier, TierProgrammeSettings settings, DateTimeOffset now) =>
        tier.Rank == 0 ? null : TierQualification.FirstReview(settings, now);

    /// <summary>The scheme in force, with the version it came from and the pending one.</summary>
    public async Task<TierSchemeResponse> GetAsync(CancellationToken cancellationToken)
    {
        var programme = await db.TierProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == TierProgramme.SingletonId, cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken);
        var applied = await db.TierSchemeVersions.AsNoTracking().Where(v => v.AppliedAt != null).OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.AppliedAt }).FirstOrDefaultAsync(cancellationToken);
        var pending = await db.TierSchemeVersions.AsNoTracking().Where(v => v.AppliedAt == null && v.CancelledAt == null)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        return new TierSchemeResponse(
            TierSchemeMapping.ToResponse(programme?.Settings ?? TierProgrammeSettings.Default),
            [.. tiers.Select(TierSchemeMapping.ToResponse)],
            applied?.Version,
            applied?.AppliedAt,
            pending is null ? null : TierSchemeMapping.ToResponse(pending));
    }

    public static TierSchemeRequest ReadDefinition(TierSchemeVersion version) =>
        JsonSerializer.Deserialize<TierSchemeRequest>(version.Definition, Json.Options)
        ?? throw new InvalidOperationException($"Tier scheme version {version.Version} has no definition.");

    public static AppException VersionNotPending(int version) =>
        AppException.Conflict(ErrorCodes.VersionNotPending, $"Version {version} is no longer pending: it was applied or cancelled.");
}

/// <summary>Between the scheme contracts and the domain.</summary>
public static class TierSchemeMapping
{
    public static TierScheme ToDomain(TierSchemeRequest r) =>
        new(
            new TierProgrammeSettings(
                WireValue.Of<QualificationWindowKind>(r.WindowKind),
                r.WindowMonths,
                r.GraceDays,
                WireValue.Of<DowngradeMode>(r.DowngradeMode),
                r.SpendCurrency.ToUpperInvariant()),
            [.. r.Tiers.Select(ToDomain)]);

    public static TierDefinition ToDomain(TierDefinitionDto d) =>
        new(
            Names.Clean(d.Name),
            d.Rank,
            ToDomain(d.Qualify),
            ToDomain(d.Retain),
            new TierBenefits(d.Benefits?.EarnMultiplier ?? 1m, d.Benefits?.RewardDiscountPercent ?? 0m, d.Benefits?.SupportResponseHours, d.Benefits?.Perks ?? []));

    private static TierThresholds ToDomain(TierThresholdsDto? t) => t is null ? TierThresholds.None : new(t.PointsEarned, t.Spend, t.Visits);

    public static TierThresholdsDto ToDto(TierThresholds t) => new(t.PointsEarned, t.Spend, t.Visits);

    public static TierResponse ToResponse(Tier t) =>
        new(
            t.Id,
            t.Name,
            t.Rank,
            t.EarnMultiplier,
            t.QualifyPoints ?? 0,
            t.CreatedAt,
            ToDto(t.Qualify),
            ToDto(t.Retain),
            new TierBenefitsDto(t.EarnMultiplier, t.RewardDiscountPercent, t.SupportResponseHours, t.Perks),
            t.UpdatedAt);

    /// <summary>A current tier as a definition of the next scheme (by id, retention as stored).</summary>
    public static TierDefinitionDto ToDefinition(Tier t) =>
        new(
            t.Id,
            t.Name,
            t.Rank,
            t.IsEntry ? null : ToDto(t.Qualify),
            t.RetainPoints is null && t.RetainSpend is null && t.RetainVisits is null ? null : ToDto(t.Retain),
            new TierBenefitsDto(t.EarnMultiplier, t.RewardDiscountPercent, t.SupportResponseHours, t.Perks));

    public static TierSchemeSettingsDto ToResponse(TierProgrammeSettings s) =>
        new(WireValue.Of<Contracts.Common.QualificationWindowKind>(s.WindowKind), s.WindowMonths, s.GraceDays, WireValue.Of<Contracts.Common.DowngradeMode>(s.DowngradeMode), s.SpendCurrency);

    public static TierSchemeVersionResponse ToResponse(TierSchemeVersion v) =>
        new(
            v.Id,
            v.Version,
            v.AppliedAt is not null ? TierSchemeVersionStatus.Applied : v.CancelledAt is not null ? TierSchemeVersionStatus.Cancelled : TierSchemeVersionStatus.Pending,
            v.EffectiveFrom,
            v.CreatedBy,
            v.CreatedAt,
            v.AppliedAt,
            v.CancelledAt,
            v.CancelledBy,
            TierSchemeService.ReadDefinition(v) with { EffectiveFrom = v.EffectiveFrom });
}
