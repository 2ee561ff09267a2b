using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>A till checks a voucher before honouring it.</summary>
public sealed record LookUpVoucherQuery(Guid PartnerId, string Code) : IQuery<PartnerVoucherResponse>;

public sealed class LookUpVoucherHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<LookUpVoucherQuery, PartnerVoucherResponse>
{
    public async ValueTask<PartnerVoucherResponse> Handle(LookUpVoucherQuery query, CancellationToken cancellationToken)
    {
        var code = VoucherCodes.Parse(query.Code);
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code.Value, cancellationToken)
            ?? throw VoucherCodes.NotFound();
        var ours = voucher.UsedByPartnerId == query.PartnerId;
        return new PartnerVoucherResponse(
            code.Formatted, voucher.RewardId, voucher.RewardName, WireValue.Of<Contracts.Common.VoucherStatus>(voucher.StatusAt(clock.GetUtcNow())), voucher.IssuedAt, voucher.ExpiresAt,
            voucher.UsedAt, ours ? voucher.UsedAtStoreId : null, ours ? voucher.UseReference : null);
    }
}
