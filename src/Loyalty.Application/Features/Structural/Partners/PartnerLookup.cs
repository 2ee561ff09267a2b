using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Partners;

public static class PartnerLookup
{
    public static async Task<Partner> FindAsync(ILoyaltyDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await db.Partners.SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.PartnerNotFound, "No partner has this id.");
}
