using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Partners;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>The writes of an earning purchase, shared by the live purchase and the bulk import so both write the same rows.</summary>
public static class PurchaseEarning
{
    /// <summary>
    /// Adds the purchase, its itemised lines and its earn breakdown to the unit of work (one batch with the rest),
    /// untracked: nothing reads them back before the save.
    /// </summary>
    public static Purchase Record(ILoyaltyDbContext db, Guid memberId, Guid partnerId, Guid storeId, string externalId, Basket basket, DateTimeOffset purchasedAt, DateTimeOffset now, EarnCalculation earned)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(earned);
        var purchase = Purchase.Record(memberId, partnerId, storeId, externalId, basket.Total, purchasedAt, now, earned.TotalPoints);
        db.InsertWithUnitOfWork(purchase);
        foreach (var line in PurchaseLine.Of(purchase, basket))
        {
            db.InsertWithUnitOfWork(line);
        }

        foreach (var line in EarnBreakdownLine.ForPurchase(purchase, earned))
        {
            db.InsertWithUnitOfWork(line);
        }

        return purchase;
    }

    /// <summary>How long the points of a purchase stay pending under the policy, or null when they are available at once.</summary>
    public static PendingTerms? PendingTermsFor(PointsPolicy policy, bool awaitConfirmation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return awaitConfirmation ? new PendingTerms(null)
            : policy.PendingDays > 0 ? new PendingTerms(now.AddDays(policy.PendingDays))
            : null;
    }

    /// <summary>Adds the points-earned event and returns the ledger entry the ledger is to earn.</summary>
    public static LedgerEntry EarnEntry(EventOutbox outbox, Member member, Purchase purchase, Store store, IReadOnlyList<EarnLineResponse> breakdown, PendingTerms? pending, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(store);
        outbox.AddUntracked(
            new PointsEarnedV1(
                member.MemberNumber,
                PointsEarnedSource.Purchase,
                store.Id,
                purchase.PointsEarned,
                Pending: pending is not null,
                breakdown, // the same lines (rule id and version) as the response and the stored breakdown
                now,
                purchase.Id,
                purchase.ExternalId,
                pending?.Until,
                purchase.PurchasedAt),
            member.Id,
            purchase.PartnerId);
        return LedgerEntry.Earn(member.Id, purchase.PointsEarned, $"Purchase {purchase.ExternalId} at {store.Name}", now, purchase.PartnerId, store.Id, purchase.Id);
    }
}
