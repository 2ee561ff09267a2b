using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// Runs the pure <see cref="EarningCalculator"/> with what it needs from the database: the cached rules, and only
/// when a rule that could apply to this purchase needs them, the member's purchase count (first purchase, N-th
/// visit) and what capped rules already gave them this UTC day and month.
/// </summary>
public sealed class EarningEngine(ILoyaltyDbContext db, EarningRulesCache cache, PointsLedger ledger, EventOutbox outbox)
{
    /// <summary>The active rules; 409 programme_not_configured when no base rate exists yet.</summary>
    public async Task<EarningRuleSet> RulesForPurchaseAsync(CancellationToken cancellationToken)
    {
        var rules = await cache.GetAsync(db, cancellationToken);
        return rules.BaseCurrencies.Count > 0
            ? rules
            : throw AppException.Conflict(ErrorCodes.ProgrammeNotConfigured, "No base earning rate is configured yet.");
    }

    /// <summary>
    /// Calculates what <paramref name="basket"/> earns. With <paramref name="forUpdate"/> the member's points account is
    /// locked first (inside the caller's transaction), so two purchases of one member cannot both pass a cap or both be
    /// the "first purchase"; quotes read without locking.
    /// </summary>
    public async Task<EarnCalculation> CalculateAsync(
        EarningRuleSet rules,
        Basket basket,
        EarningMember member,
        Guid? memberId,
        EarningOccasion occasion,
        bool forUpdate,
        CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<Guid, RuleUsage>? usage = null;
        var needHistory = memberId is null ? [] : HistoryRules(rules, basket, member, occasion);
        if (needHistory.Count > 0)
        {
            var id = memberId!.Value;
            if (forUpdate)
            {
                // Held until commit: two purchases of one member cannot both pass a cap or both be the first purchase.
                await ledger.LockAccountAsync(id, cancellationToken);
            }

            if (needHistory.Any(r => r.CountsVisits))
            {
                member = member with { PurchasesBefore = await db.Purchases.CountAsync(p => p.MemberId == id, cancellationToken) };
            }

            var capped = needHistory.Where(r => r.IsCapped).Select(r => r.Id).ToList();
            if (capped.Count > 0)
            {
                usage = await UsageAsync(id, capped, occasion.At, cancellationToken);
            }
        }

        return EarningCalculator.Calculate(rules, basket, member, occasion, usage);
    }

    /// <summary>The rules that could apply to this purchase and need the member's history (caps, visit counts); none means no query.</summary>
    public static IReadOnlyList<EarningRule> HistoryRules(EarningRuleSet rules, Basket basket, EarningMember member, EarningOccasion occasion)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(basket);
        return rules.UsageRules.Where(r => EarningCalculator.AppliesToPurchase(r, rules, member, occasion, basket.Total.Currency)).ToList();
    }

    /// <summary>Credits the enrolment bonuses that apply to a new member, with their breakdown; returns the points credited.</summary>
    public async Task<long> CreditEnrolmentBonusAsync(Member member, Tier tier, CancellationToken cancellationToken)
    {
        var rules = await cache.GetAsync(db, cancellationToken);
        if (!rules.HasEnrolmentBonus)
        {
            return 0;
        }

        var bonus = EarningCalculator.EnrolmentBonus(rules, Facts(member, tier), new EarningOccasion(member.EnrolledAt, member.EnrolledAtPartnerId, member.EnrolledAtStoreId));
        if (bonus.TotalPoints == 0)
        {
            return 0;
        }

        var description = "Welcome bonus: " + string.Join(", ", bonus.Lines.Select(l => l.Description));
        var entry = LedgerEntry.Create(
            member.Id,
            LedgerEntryType.Bonus,
            bonus.TotalPoints,
            description.Length > 500 ? description[..500] : description,
            member.EnrolledAt,
            new LedgerReferences(PartnerId: member.EnrolledAtPartnerId, StoreId: member.EnrolledAtStoreId));
        outbox.Add(
            new PointsEarnedV1(member.MemberNumber, PointsEarnedSource.Enrolment, member.EnrolledAtStoreId, bonus.TotalPoints, Pending: false, ToResponse(bonus.Lines), member.EnrolledAt),
            member.Id,
            member.EnrolledAtPartnerId);
        await ledger.CreditAsync(entry, cancellationToken);
        db.EarnBreakdownLines.AddRange(EarnBreakdownLine.ForLedgerEntry(member.Id, entry.Id, member.EnrolledAt, bonus));
        await db.SaveChangesAsync(cancellationToken);
        return bonus.TotalPoints;
    }

    public static EarningMember Facts(Member member, Tier tier) =>
        new(tier.Id, tier.Name, tier.EarnMultiplier, member.BirthDate, member.EnrolledAt);

    /// <summary>The request's basket; lines were validated to add up to the amount.</summary>
    public static Basket BasketOf(decimal amount, string currency, IReadOnlyList<PurchaseLineRequest>? lines) =>
        Basket.Of(new Money(amount, currency), lines?.Select(l => new BasketLine(Clean(l.Sku), Clean(l.Category), l.Quantity, l.Amount)).ToList());

    public static IReadOnlyList<EarnLineResponse> ToResponse(IEnumerable<EarnLine> lines) =>
        lines.Select(l => new EarnLineResponse(Enum.Parse<Contracts.Common.EarnLineKind>(l.Kind, ignoreCase: true), l.Description, l.Points, l.RuleId, l.RuleVersion, l.CampaignId, l.OfferId)).ToList();

    private async Task<IReadOnlyDictionary<Guid, RuleUsage>> UsageAsync(Guid memberId, IReadOnlyList<Guid> ruleIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var utc = at.ToUniversalTime();
        var dayStart = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        var dayEnd = dayStart.AddDays(1);
        var monthStart = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var monthEnd = monthStart.AddMonths(1);
        var ids = ruleIds.ToList();
        var rows = await db.EarnBreakdownLines.AsNoTracking()
            .Where(l => l.MemberId == memberId && l.RuleId != null && ids.Contains(l.RuleId.Value) && l.EarnedAt >= monthStart && l.EarnedAt < monthEnd)
            .GroupBy(l => l.RuleId!.Value)
            .Select(g => new { RuleId = g.Key, Month = g.Sum(l => l.Points), Day = g.Sum(l => l.EarnedAt >= dayStart && l.EarnedAt < dayEnd ? l.Points : 0) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.RuleId, r => new RuleUsage(r.Day, r.Month));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
