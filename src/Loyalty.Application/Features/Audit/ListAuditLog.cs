using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Audit;

/// <summary>Newest first; optionally only one entity's records.</summary>
public sealed record ListAuditLogQuery(string? EntityType, string? EntityId, int? Limit, string? Cursor) : IQuery<Page<AuditLogEntryResponse>>;

public sealed class ListAuditLogHandler(ILoyaltyDbContext db) : IQueryHandler<ListAuditLogQuery, Page<AuditLogEntryResponse>>
{
    public async ValueTask<Page<AuditLogEntryResponse>> Handle(ListAuditLogQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.DecodeLong(query.Cursor);
        var entries = db.AuditLog.AsNoTracking();
        if (query.EntityType is not null)
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (query.EntityId is not null)
        {
            entries = entries.Where(e => e.EntityId == query.EntityId);
        }

        if (after is not null)
        {
            entries = entries.Where(e => e.Id < after);
        }

        var items = await entries.OrderByDescending(e => e.Id).Take(limit + 1).ProjectToResponse().ToListAsync(cancellationToken);
        return Paging.ToPage(items, limit, e => e.Id);
    }
}
