using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Outbox;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Moves a member up the moment a purchase takes them over a threshold, inside the purchase's transaction. A member
/// in the top tier (and not in grace) costs nothing; everyone else one query for their activity. The member row is
/// updated only if their tier is still the one read before the purchase, so of two purchases racing, one moves the
/// member and the other changes nothing; history and event are written only by the one that moved them.
/// </summary>
public sealed class QualifyOnPurchaseHandler(ILoyaltyDbContext db, TierSchemeCache schemes, EventOutbox outbox) : INotificationHandler<PurchaseRecorded>
{
    public async ValueTask Handle(PurchaseRecorded notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var scheme = await schemes.GetAsync(db, cancellationToken);
        var member = notification.Member;
        var current = scheme.Find(member.TierId);
        var standing = new TierStanding(member.TierId, member.TierSince, member.TierReviewAt, member.TierGraceUntil);
        var inGrace = member.TierGraceUntil is not null && member.TierReviewAt is not null;
        if (current is null || (scheme.IsTop(current) && !inGrace))
        {
            return;
        }

        var now = notification.At;
        var settings = scheme.Settings;
        var qualifyFrom = TierQualification.QualificationWindowStart(settings, standing, now);
        var retainFrom = member.TierReviewAt is { } review ? TierQualification.RetentionWindowStart(settings, standing, review) : qualifyFrom;
        var (activity, retention) = await TierActivity.ForMemberAsync(db, member.Id, settings.SpendCurrency, qualifyFrom, retainFrom, now, cancellationToken);
        var purchase = notification.Purchase;
        var added = TierActivity.Of(purchase, settings.SpendCurrency);
        if (purchase.PurchasedAt <= now)
        {
            activity = purchase.PurchasedAt >= qualifyFrom ? activity.Add(added) : activity;
            retention = purchase.PurchasedAt >= retainFrom ? retention.Add(added) : retention;
        }

        if (TierQualification.Upgrade(scheme.Tiers, current, activity) is { } higher)
        {
            var reviewAt = TierQualification.FirstReview(settings, now);
            var moved = await db.Members
                .Where(m => m.Id == member.Id && m.TierId == current.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.TierId, higher.Id).SetProperty(m => m.TierSince, now)
                        .SetProperty(m => m.TierReviewAt, reviewAt).SetProperty(m => m.TierGraceUntil, (DateTimeOffset?)null),
                    cancellationToken);
            if (moved == 1)
            {
                TierChanges.Record(db, outbox, member, current, higher, TierChangeReason.Qualified, activity, now);
            }

            return;
        }

        if (inGrace && current.Retain.IsMetBy(retention))
        {
            // Caught up during grace: the tier is kept as if the review had found it so.
            var next = TierQualification.NextReview(settings, member.TierReviewAt!.Value);
            await db.Members
                .Where(m => m.Id == member.Id && m.TierId == current.Id && m.TierGraceUntil == member.TierGraceUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.TierReviewAt, next).SetProperty(m => m.TierGraceUntil, (DateTimeOffset?)null), cancellationToken);
        }
    }
}
