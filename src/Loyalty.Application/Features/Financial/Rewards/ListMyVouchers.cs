using System.Globalization;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>The member's vouchers, newest first; the cursor is the issue time and code of the last one seen.</summary>
public sealed record ListMyVouchersQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<VoucherResponse>>;

public sealed class ListMyVouchersHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListMyVouchersQuery, Page<VoucherResponse>>
{
    public async ValueTask<Page<VoucherResponse>> Handle(ListMyVouchersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var before = DecodeCursor(query.Cursor);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);

        var vouchers = db.Vouchers.AsNoTracking().Where(v => v.MemberId == member.Id);
        if (before is var (issuedAt, code))
        {
            vouchers = vouchers.Where(v => v.IssuedAt < issuedAt || (v.IssuedAt == issuedAt && string.Compare(v.Code, code) < 0));
        }

        var rows = await vouchers.OrderByDescending(v => v.IssuedAt).ThenByDescending(v => v.Code).Take(limit + 1).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var page = Paging.ToPage(rows, limit, v => string.Create(CultureInfo.InvariantCulture, $"{v.IssuedAt.UtcTicks}:{v.Code}"));
        return new Page<VoucherResponse>([.. page.Items.Select(v => VoucherCodes.ToResponse(v, now))], page.NextCursor);
    }

    private static (DateTimeOffset IssuedAt, string Code)? DecodeCursor(string? cursor)
    {
        var key = Paging.Decode(cursor);
        if (key is null)
        {
            return null;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
               && long.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), key[(colon + 1)..])
            : throw AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
    }
}
