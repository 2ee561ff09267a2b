using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Moves a member up the moment a purchase takes them over a threshold, inside the purchase's transaction. A member
/// in the top tier (and not in grace) costs nothing; everyone else one query for their activity. The member row is
/// updated only if their tier is still the one read before the purchase, so of two purchases racing, one moves the
/// member and the other changes nothing; history and event are written only by the one that moved them.
/// </summary>
public sealed class QualifyOnPurchaseHandler(ILoyaltyDbContext db, TierSchemeCache schemes, ITierActivity activities, ITierMoves moves) : INotificationHandler<PurchaseRecorded>
{
    public async ValueTask Handle(PurchaseRecorded notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var scheme = await schemes.GetAsync(db, cancellationToken);
        var member = notification.Member;
        var now = notification.At;
        if (PurchaseQualification.Prepare(scheme, member, now) is not { } check)
        {
            return;
        }

        var (activity, retention) = await activities.ForMemberAsync(member.Id, scheme.Settings.SpendCurrency, check.QualifyFrom, check.RetainFrom, now, cancellationToken);
        (activity, retention) = check.Add(activity, retention, notification.Purchase, now);
        if (TierQualification.Upgrade(scheme.Tiers, check.Current, activity) is { } higher)
        {
            await PurchaseQualification.MoveUpAsync(moves, scheme, member, check.Current, higher, activity, now, cancellationToken);
            return;
        }

        if (check.InGrace && check.Current.Retain.IsMetBy(retention))
        {
            // Caught up during grace: the tier is kept as if the review had found it so.
            var next = TierQualification.NextReview(scheme.Settings, member.TierReviewAt!.Value);
            await db.Members
                .Where(m => m.Id == member.Id && m.TierId == check.Current.Id && m.TierGraceUntil == member.TierGraceUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.TierReviewAt, next).SetProperty(m => m.TierGraceUntil, (DateTimeOffset?)null), cancellationToken);
        }
    }
}

/// <summary>What a purchase's tier check needs: the member's tier and windows, known before any query.</summary>
public sealed record PurchaseQualification(Tier Current, DateTimeOffset QualifyFrom, DateTimeOffset RetainFrom, bool InGrace, string SpendCurrency)
{
    /// <summary>Null when a purchase cannot change the member's tier (top tier, not in grace; or an unknown tier).</summary>
    public static PurchaseQualification? Prepare(TierSchemeSnapshot scheme, Member member, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(member);
        var current = scheme.Find(member.TierId);
        var standing = new TierStanding(member.TierId, member.TierSince, member.TierReviewAt, member.TierGraceUntil);
        var inGrace = member.TierGraceUntil is not null && member.TierReviewAt is not null;
        if (current is null || (scheme.IsTop(current) && !inGrace))
        {
            return null;
        }

        var settings = scheme.Settings;
        var qualifyFrom = TierQualification.QualificationWindowStart(settings, standing, now);
        var retainFrom = member.TierReviewAt is { } review ? TierQualification.RetentionWindowStart(settings, standing, review) : qualifyFrom;
        return new PurchaseQualification(current, qualifyFrom, retainFrom, inGrace, settings.SpendCurrency);
    }

    /// <summary>The activity with <paramref name="purchase"/> counted in the windows it falls in.</summary>
    public (QualifyingActivity Activity, QualifyingActivity Retention) Add(QualifyingActivity activity, QualifyingActivity retention, Purchase purchase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var added = TierActivity.Of(purchase, SpendCurrency);
        if (purchase.PurchasedAt <= now)
        {
            activity = purchase.PurchasedAt >= QualifyFrom ? activity.Add(added) : activity;
            retention = purchase.PurchasedAt >= RetainFrom ? retention.Add(added) : retention;
        }

        return (activity, retention);
    }

    /// <summary>Moves the member to <paramref name="higher"/> if they are still in <paramref name="current"/>; true when this call moved them.</summary>
    public static Task<bool> MoveUpAsync(
        ITierMoves moves, TierSchemeSnapshot scheme, Member member, Tier current, Tier higher, QualifyingActivity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(higher);
        var reviewAt = TierQualification.FirstReview(scheme.Settings, now);
        return moves.MoveMemberAsync(member, new TierMove(current, higher, TierChangeReason.Qualified, now, reviewAt, null, activity, now), cancellationToken);
    }
}
