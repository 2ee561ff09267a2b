using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Returns;

public static class PartnerPurchases
{
    /// <summary>
    /// The member of a partner's purchase, by the partner's receipt id; another partner's purchase is not found.
    /// Read without a lock: callers lock the member's account and then read the purchase itself.
    /// </summary>
    public static async Task<Guid> MemberOfAsync(ILoyaltyDbContext db, Guid partnerId, string externalId, CancellationToken cancellationToken) =>
        await db.Purchases.Where(p => p.PartnerId == partnerId && p.ExternalId == externalId.Trim()).Select(p => (Guid?)p.MemberId).SingleOrDefaultAsync(cancellationToken)
        ?? throw NotFound();

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.TransactionNotFound, "Your partner account has no purchase with this receipt id.");
}
