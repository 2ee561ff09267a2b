using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

/// <summary>A key account's interaction log, most recent first.</summary>
public sealed record ListInteractionsQuery(StaffCaller Caller, Guid MemberId, int? Limit = null, string? Cursor = null) : IQuery<Page<InteractionResponse>>;

public sealed class ListInteractionsHandler(ILoyaltyDbContext db) : IQueryHandler<ListInteractionsQuery, Page<InteractionResponse>>
{
    public async ValueTask<Page<InteractionResponse>> Handle(ListInteractionsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        await KeyAccountFiles.FindAsync(db, query.MemberId, cancellationToken);
        var log = db.KeyAccountInteractions.AsNoTracking().Where(i => i.MemberId == query.MemberId);
        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            log = log.Where(i => i.OccurredAt < at || (i.OccurredAt == at && i.Id.CompareTo(id) < 0));
        }

        var rows = await log.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.Select(i => i.ToResponse()).ToList(), limit, i => Paging.TimeKey(i.OccurredAt, i.Id));
    }
}
