using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Redemptions;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Redemptions;

public static class RedemptionResponses
{
    public static RedemptionResponse From(Redemption r, string memberNumber, long available, DateTimeOffset now) =>
        new(r.Id, memberNumber, r.StoreId, WireValue.Of<Contracts.Partner.RedemptionStatus>(r.EffectiveStatus(now)), r.Points, r.HeldPoints, r.CapturedPoints, r.Reference, available, r.CreatedAt, r.ExpiresAt, r.CompletedAt);

    /// <summary>The member a partner's redemption belongs to; another partner's redemption is not found, as if it did not exist.</summary>
    public static async Task<Guid> MemberOfAsync(ILoyaltyDbContext db, Guid partnerId, Guid redemptionId, CancellationToken cancellationToken) =>
        await db.Redemptions.Where(r => r.Id == redemptionId && r.PartnerId == partnerId).Select(r => (Guid?)r.MemberId).SingleOrDefaultAsync(cancellationToken)
        ?? throw NotFound();

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.RedemptionNotFound, "Your partner account has no redemption with this id.");

    public static Task<string> MemberNumberAsync(ILoyaltyDbContext db, Guid memberId, CancellationToken cancellationToken) =>
        db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);

    public static Task<string> StoreNameAsync(ILoyaltyDbContext db, Guid storeId, CancellationToken cancellationToken) =>
        db.Stores.Where(s => s.Id == storeId).Select(s => s.Name).SingleAsync(cancellationToken);
}
