using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>A recorded purchase with its stored breakdown: the rules and versions it was earned under, as they were.</summary>
public sealed record GetPurchaseQuery(Guid PurchaseId) : IQuery<AdminPurchaseResponse>;

public sealed class GetPurchaseHandler(ILoyaltyDbContext db) : IQueryHandler<GetPurchaseQuery, AdminPurchaseResponse>
{
    public async ValueTask<AdminPurchaseResponse> Handle(GetPurchaseQuery query, CancellationToken cancellationToken)
    {
        var found = await (from p in db.Purchases.AsNoTracking()
                           where p.Id == query.PurchaseId
                           join m in db.Members.AsNoTracking() on p.MemberId equals m.Id
                           select new { Purchase = p, m.MemberNumber }).SingleOrDefaultAsync(cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.PurchaseNotFound, "No purchase has this id.");
        var lines = await db.EarnBreakdownLines.AsNoTracking().Where(l => l.PurchaseId == query.PurchaseId).OrderBy(l => l.Sequence).ToListAsync(cancellationToken);
        var purchase = found.Purchase;
        return new AdminPurchaseResponse(
            purchase.Id, purchase.ExternalId, purchase.MemberId, found.MemberNumber, purchase.PartnerId, purchase.StoreId, purchase.Amount, purchase.Currency,
            purchase.PurchasedAt, purchase.RecordedAt, purchase.PointsEarned,
            EarningEngine.ToResponse(lines.Select(l => l.ToEarnLine())));
    }
}
