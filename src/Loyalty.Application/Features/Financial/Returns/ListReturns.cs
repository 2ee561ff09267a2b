using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Returns;

/// <summary>A purchase's returns, oldest first, with how much has come back and what it did to the points.</summary>
public sealed record ListReturnsQuery(Guid PartnerId, string ExternalId) : IQuery<PurchaseReturnsResponse>;

public sealed class ListReturnsHandler(ILoyaltyDbContext db) : IQueryHandler<ListReturnsQuery, PurchaseReturnsResponse>
{
    public async ValueTask<PurchaseReturnsResponse> Handle(ListReturnsQuery query, CancellationToken cancellationToken)
    {
        var externalId = query.ExternalId.Trim();
        var purchase = await db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == query.PartnerId && p.ExternalId == externalId, cancellationToken)
            ?? throw PartnerPurchases.NotFound();
        var returns = await db.PurchaseReturns.AsNoTracking().Where(r => r.PurchaseId == purchase.Id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return new PurchaseReturnsResponse(
            purchase.ExternalId,
            purchase.Amount,
            purchase.Currency,
            purchase.PointsEarned,
            purchase.ReturnedAmount,
            purchase.PointsReversed,
            purchase.PointsWrittenOff,
            returns.Select(r => ReturnResponses.From(r, purchase)).ToList());
    }
}
