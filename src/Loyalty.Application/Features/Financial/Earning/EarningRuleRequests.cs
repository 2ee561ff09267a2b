using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;
using Microsoft.EntityFrameworkCore;
using BonusGrantOn = Loyalty.Domain.Financial.Earning.BonusGrantOn;
using BonusTrigger = Loyalty.Domain.Financial.Earning.BonusTrigger;
using CampaignStatus = Loyalty.Domain.Financial.Earning.CampaignStatus;
using EarningRuleKind = Loyalty.Domain.Financial.Earning.EarningRuleKind;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Request ⇄ domain for rules, and the checks that need the database.</summary>
public static class EarningRuleRequests
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, EarningRuleRequest> request)
    {
        v.RuleFor(x => request(x).Name).NotEmpty().MaximumLength(100).OverridePropertyName("name");
        v.RuleFor(x => request(x).Kind).IsInEnum().WithMessage("kind must be one of: baseRate, multiplier, fixedBonus.").OverridePropertyName("kind");
        v.RuleFor(x => request(x).Trigger).IsInEnum().OverridePropertyName("trigger");
        v.RuleFor(x => request(x).GrantOn).IsInEnum().WithMessage("grantOn must be purchase or day.").OverridePropertyName("grantOn");
        v.RuleFor(x => request(x).PointsPerCurrencyUnit).PrecisionScale(14, 4, ignoreTrailingZeros: true).OverridePropertyName("pointsPerCurrencyUnit");
        v.RuleFor(x => request(x).Factor).PrecisionScale(8, 4, ignoreTrailingZeros: true).OverridePropertyName("factor");
        v.RuleFor(x => request(x).Conditions!.MinimumSpend).PrecisionScale(18, 4, ignoreTrailingZeros: true)
            .When(x => request(x).Conditions is not null).OverridePropertyName("conditions.minimumSpend");

        // The domain's own consistency rules, reported per field once the enums parse.
        v.RuleFor(x => x).Custom((x, context) =>
        {
            var r = request(x);
            if (r is null || string.IsNullOrWhiteSpace(r.Name) || !Enum.IsDefined(r.Kind) || (r.Trigger is { } t && !Enum.IsDefined(t))
                || (r.GrantOn is { } g && !Enum.IsDefined(g)))
            {
                return;
            }

            foreach (var (field, message) in ToDefinition(r).Problems().Where(p => p.Field != "name"))
            {
                context.AddFailure(field, message);
            }
        });
    }

    public static EarningRuleDefinition ToDefinition(EarningRuleRequest r)
    {
        var c = r.Conditions;
        var conditions = c is null
            ? RuleConditions.None
            : new RuleConditions
            {
                MinimumSpend = c.MinimumSpend,
                TierIds = c.TierIds?.Distinct().ToList(),
                PartnerIds = c.PartnerIds?.Distinct().ToList(),
                StoreIds = c.StoreIds?.Distinct().ToList(),
                Categories = c.Categories?.Select(s => s?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                Skus = c.Skus?.Select(s => s?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                MinimumMembershipMonths = c.MinimumMembershipMonths,
            };
        return new EarningRuleDefinition(
            r.Name?.Trim() ?? "",
            WireValue.Of<EarningRuleKind>(r.Kind),
            string.IsNullOrWhiteSpace(r.Currency) ? null : r.Currency,
            r.PointsPerCurrencyUnit,
            r.Factor,
            r.Points,
            WireValue.OfNullable<BonusTrigger>(r.Trigger),
            r.VisitNumber,
            r.Priority,
            string.IsNullOrWhiteSpace(r.ExclusiveGroup) ? r.ExclusiveGroup : r.ExclusiveGroup.Trim(),
            r.CampaignId,
            conditions,
            r.DailyCap,
            r.MonthlyCap,
            WireValue.OfNullable<BonusGrantOn>(r.GrantOn) ?? BonusGrantOn.Purchase);
    }

    /// <summary>Every id a rule names must exist, and its conditions must be able to hold together.</summary>
    public static async Task CheckReferencesAsync(ILoyaltyDbContext db, EarningRuleDefinition d, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var c = d.Conditions;
        if (c.TierIds is { } tierIds && await db.Tiers.CountAsync(t => tierIds.Contains(t.Id) && t.RetiredAt == null, cancellationToken) != tierIds.Count)
        {
            throw AppException.NotFound(ErrorCodes.TierNotFound, "conditions.tierIds names a tier that does not exist.");
        }

        if (c.PartnerIds is { } partnerIds && await db.Partners.CountAsync(p => partnerIds.Contains(p.Id), cancellationToken) != partnerIds.Count)
        {
            throw AppException.NotFound(ErrorCodes.PartnerNotFound, "conditions.partnerIds names a partner that does not exist.");
        }

        if (c.StoreIds is { } storeIds)
        {
            var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).Select(s => new { s.Id, s.PartnerId }).ToListAsync(cancellationToken);
            if (stores.Count != storeIds.Count)
            {
                throw AppException.NotFound(ErrorCodes.StoreNotFound, "conditions.storeIds names a store that does not exist.");
            }

            if (c.PartnerIds is not null && stores.Any(s => !c.PartnerIds.Contains(s.PartnerId)))
            {
                throw new DomainException(ErrorCodes.ContradictoryConditions, "conditions.storeIds names a store of a partner that conditions.partnerIds leaves out: the rule could never apply there.");
            }
        }

        if (d.CampaignId is { } campaignId)
        {
            var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(x => x.Id == campaignId, cancellationToken)
                ?? throw CampaignRequests.NotFound();
            if (campaign.StatusAt(now) == CampaignStatus.Ended)
            {
                throw AppException.Conflict(ErrorCodes.CampaignEnded, "The campaign has ended: its rules could never apply again.");
            }

            if ((campaign.PartnerIds is not null && c.PartnerIds is not null && !campaign.PartnerIds.Intersect(c.PartnerIds).Any())
                || (campaign.TierIds is not null && c.TierIds is not null && !campaign.TierIds.Intersect(c.TierIds).Any()))
            {
                throw new DomainException(ErrorCodes.ContradictoryConditions, "The rule's partners or tiers and its campaign's have nothing in common: the rule could never apply.");
            }
        }
    }

    public static async Task<EarningRule> FindCurrentAsync(ILoyaltyDbContext db, Guid ruleId, CancellationToken cancellationToken)
    {
        var current = await db.EarningRules.SingleOrDefaultAsync(r => r.Id == ruleId && r.SupersededAt == null, cancellationToken)
            ?? throw NotFound();
        return current.IsActive
            ? current
            : throw AppException.Conflict(ErrorCodes.EarningRuleInactive, "The rule is deactivated; create a new rule instead.");
    }

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.EarningRuleNotFound, "No earning rule has this id.");

    public static EarningRuleResponse ToResponse(EarningRule r) =>
        new(
            r.Id,
            r.Version,
            r.Name,
            WireValue.Of<Contracts.Admin.EarningRuleKind>(r.Kind),
            r.Currency,
            r.PointsPerCurrencyUnit,
            r.Factor,
            r.BonusPoints,
            r.Trigger is { } trigger ? WireValue.Of<Contracts.Admin.BonusTrigger>(trigger) : null,
            r.VisitNumber,
            r.Priority,
            r.ExclusiveGroup,
            r.CampaignId,
            new EarningRuleConditions(
                r.Conditions.MinimumSpend,
                r.Conditions.TierIds,
                r.Conditions.PartnerIds,
                r.Conditions.StoreIds,
                r.Conditions.Categories,
                r.Conditions.Skus,
                r.Conditions.MinimumMembershipMonths),
            r.DailyCap,
            r.MonthlyCap,
            WireValue.Of<Contracts.Admin.BonusGrantOn>(r.GrantOn),
            r.IsActive,
            r.CreatedAt,
            r.CreatedBy,
            r.SupersededAt);
}
