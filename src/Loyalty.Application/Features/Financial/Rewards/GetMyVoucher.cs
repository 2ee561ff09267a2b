using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>One of the member's own vouchers; another member's code is not found, as if it did not exist.</summary>
public sealed record GetMyVoucherQuery(string Subject, string Code) : IQuery<VoucherResponse>;

public sealed class GetMyVoucherHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyVoucherQuery, VoucherResponse>
{
    public async ValueTask<VoucherResponse> Handle(GetMyVoucherQuery query, CancellationToken cancellationToken)
    {
        var code = VoucherCodes.Parse(query.Code);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code.Value && v.MemberId == member.Id, cancellationToken)
            ?? throw VoucherCodes.NotFound();
        return VoucherCodes.ToResponse(voucher, clock.GetUtcNow());
    }
}
