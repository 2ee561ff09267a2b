using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Stores;

public static class PartnerStores
{
    /// <summary>
    /// A partner acts only for its own stores: another partner's store is reported as not found, so a key
    /// cannot even learn which store ids exist elsewhere.
    /// </summary>
    public static async Task<Store> FindActiveAsync(ILoyaltyDbContext db, Guid partnerId, Guid storeId, CancellationToken cancellationToken)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId && s.PartnerId == partnerId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.StoreNotFound, "Your partner account has no store with this id.");
        return EnsureActive(store);
    }

    /// <summary>The partner's store, found: refused when it is closed.</summary>
    public static Store EnsureActive(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.IsActive ? store : throw AppException.Conflict(ErrorCodes.StoreInactive, "This store is closed for loyalty transactions.");
    }
}
