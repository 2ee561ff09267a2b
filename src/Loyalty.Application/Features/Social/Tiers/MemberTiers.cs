using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;
using QualificationWindowKind = Loyalty.Domain.Social.Tiers.QualificationWindowKind;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>A member's tier, progress and history as the member and staff see them.</summary>
public static class MemberTiers
{
    public static async Task<MemberTierResponse> DescribeAsync(ILoyaltyDbContext db, TierSchemeCache schemes, ITierActivity activities, Member member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        ArgumentNullException.ThrowIfNull(member);
        var scheme = await schemes.GetAsync(db, cancellationToken);
        var current = scheme.Find(member.TierId)
            ?? await db.Tiers.AsNoTracking().SingleAsync(t => t.Id == member.TierId, cancellationToken); // retired since the cache was read
        var settings = scheme.Settings;
        var standing = new TierStanding(member.TierId, member.TierSince, member.TierReviewAt, member.TierGraceUntil);
        var qualifyFrom = TierQualification.QualificationWindowStart(settings, standing, now);
        var retainFrom = member.TierReviewAt is { } review ? TierQualification.RetentionWindowStart(settings, standing, review) : qualifyFrom;
        var (activity, retained) = await activities.ForMemberAsync(member.Id, settings.SpendCurrency, qualifyFrom, retainFrom, now, cancellationToken);

        NextTierProgressResponse? next = null;
        TierThresholds? toNext = null;
        DateTimeOffset? nextBy = null;
        if (scheme.Above(current) is { } above)
        {
            toNext = TierQualification.Remaining(above.Qualify, activity);
            nextBy = settings.WindowKind switch
            {
                QualificationWindowKind.CalendarYear => new DateTimeOffset(now.UtcDateTime.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero),
                QualificationWindowKind.SinceLastChange => member.TierReviewAt,
                _ => null,
            };
            next = new NextTierProgressResponse(Summary(above), Remaining(toNext), above.Qualify.IsMetBy(activity), nextBy);
        }

        TierRetentionResponse? retention = null;
        TierThresholds? toKeep = null;
        DateTimeOffset? keepBy = null;
        if (member.TierReviewAt is { } reviewAt && !current.IsEntry)
        {
            toKeep = TierQualification.Remaining(current.Retain, retained);
            keepBy = member.TierGraceUntil ?? reviewAt;
            retention = new TierRetentionResponse(Remaining(toKeep), current.Retain.IsMetBy(retained), keepBy.Value, Activity(retained, settings, retainFrom, now));
        }

        var progress = TierQualification.Describe(current.Name, next?.Tier.Name, toNext, nextBy, toKeep, keepBy, settings.SpendCurrency);
        return new MemberTierResponse(
            Summary(current),
            new TierBenefitsResponse(current.EarnMultiplier, current.RewardDiscountPercent, current.SupportResponseHours, current.Perks),
            member.TierSince,
            member.TierReviewAt,
            member.TierGraceUntil,
            Activity(activity, settings, qualifyFrom, now),
            next,
            retention,
            progress);
    }

    public static async Task<Page<TierHistoryEntry>> HistoryAsync(ILoyaltyDbContext db, Guid memberId, int limit, long? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changes = db.TierChanges.AsNoTracking().Where(c => c.MemberId == memberId);
        if (before is not null)
        {
            changes = changes.Where(c => c.Id < before);
        }

        var rows = await (from c in changes.OrderByDescending(c => c.Id).Take(limit + 1)
                          join to in db.Tiers.AsNoTracking() on c.ToTierId equals to.Id
                          join f in db.Tiers.AsNoTracking() on c.FromTierId equals f.Id into froms
                          from f in froms.DefaultIfEmpty()
                          select new { Change = c, To = to, From = f })
                         .ToListAsync(cancellationToken);
        var items = rows.OrderByDescending(r => r.Change.Id)
            .Select(r => new TierHistoryEntry(
                r.Change.Id,
                r.From is null ? null : Summary(r.From),
                Summary(r.To),
                WireValue.Of<Contracts.Common.TierChangeReason>(r.Change.Reason),
                r.Change.PointsEarned,
                r.Change.Spend,
                r.Change.Visits,
                r.Change.OccurredAt))
            .ToList();
        return Paging.ToPage(items, limit, e => e.Id);
    }

    public static TierSummary Summary(Tier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return new TierSummary(tier.Id, tier.Name, tier.Rank);
    }

    private static TierRemainingResponse Remaining(TierThresholds t) => new(t.PointsEarned, t.Spend, t.Visits);

    private static TierActivityResponse Activity(QualifyingActivity a, TierProgrammeSettings settings, DateTimeOffset from, DateTimeOffset to) =>
        new(a.PointsEarned, a.Spend, settings.SpendCurrency, a.Visits, from, to);
}
