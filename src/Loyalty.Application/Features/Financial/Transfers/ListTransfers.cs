using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Transfers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TransferStatus = Loyalty.Domain.Financial.Transfers.TransferStatus;

namespace Loyalty.Application.Features.Financial.Transfers;

/// <summary>
/// The member's transfers, newest first: every transfer they started, and those they received once completed (a
/// transfer its sender has not confirmed, or called off, gave the recipient nothing).
/// </summary>
public sealed record ListTransfersQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<TransferResponse>>;

public sealed class ListTransfersHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListTransfersQuery, Page<TransferResponse>>
{
    public async ValueTask<Page<TransferResponse>> Handle(ListTransfersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var me = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var transfers = db.PointsTransfers.AsNoTracking().Where(t => t.FromMemberId == me.Id || (t.ToMemberId == me.Id && t.Status == TransferStatus.Completed));
        if (Paging.DecodeTime(query.Cursor) is var (createdAt, id))
        {
            transfers = transfers.Where(t => t.CreatedAt < createdAt || (t.CreatedAt == createdAt && t.Id.CompareTo(id) < 0));
        }

        var page = await transfers.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var otherIds = page.Select(t => t.FromMemberId == me.Id ? t.ToMemberId : t.FromMemberId).Distinct().ToList();
        var others = await db.Members.AsNoTracking().Where(m => otherIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var items = page
            .Select(t => t.FromMemberId == me.Id ? Transfers.Outgoing(t, others[t.ToMemberId], now) : Transfers.Incoming(t, others[t.FromMemberId], now))
            .ToList();
        return Paging.ToPage(items, limit, t => Paging.TimeKey(t.CreatedAt, t.Id));
    }
}
