using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>Segments by name (archived ones only when asked).</summary>
public sealed record ListSegmentsQuery(bool IncludeArchived, int? Limit, string? Cursor) : IQuery<Page<SegmentResponse>>;

public sealed class ListSegmentsHandler(ILoyaltyDbContext db) : IQueryHandler<ListSegmentsQuery, Page<SegmentResponse>>
{
    public async ValueTask<Page<SegmentResponse>> Handle(ListSegmentsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var segments = db.Segments.AsNoTracking();
        if (!query.IncludeArchived)
        {
            segments = segments.Where(s => s.ArchivedAt == null);
        }

        // Keyset on (name, id): names need not be unique.
        if (Paging.Decode(query.Cursor) is { } key)
        {
            var split = key.LastIndexOf('|');
            if (split < 0 || !Guid.TryParseExact(key[(split + 1)..], "N", out var id))
            {
                throw AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
            }

            var name = key[..split];
            segments = segments.Where(s => string.Compare(s.Name, name) > 0 || (s.Name == name && s.Id.CompareTo(id) > 0));
        }

        var rows = await segments.OrderBy(s => s.Name).ThenBy(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage([.. rows.Select(SegmentDefinitions.ToResponse)], limit, s => $"{s.Name}|{s.Id:N}");
    }
}
