using Loyalty.Application.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Purchases;

namespace Loyalty.Application.Features.Financial.Returns;

public static class ReturnResponses
{
    public static ReturnResponse From(PurchaseReturn r, Purchase purchase) =>
        new(r.Id, r.ReturnId, purchase.ExternalId, r.Amount, purchase.Currency, r.PointsReversed, r.PendingPointsReversed, r.PointsWrittenOff, WireValue.Of<Contracts.Partner.ReturnPolicy>(r.Policy), r.Reason, r.CreatedAt);
}
