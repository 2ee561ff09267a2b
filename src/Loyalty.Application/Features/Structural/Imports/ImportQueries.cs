using System.Globalization;
using System.Text;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Imports;

public sealed class ImportQueries(ILoyaltyDbContext db)
    : IQueryHandler<GetImportQuery, ImportResponse>, IQueryHandler<ListImportsQuery, Page<ImportResponse>>, IQueryHandler<GetRejectedRowsQuery, string>
{
    public static ImportResponse ToResponse(Import i) => new(
        i.Id, WireValue.Of<Contracts.Partner.ImportFormat>(i.Format), WireValue.Of<Contracts.Partner.ImportStatus>(i.Status), i.TotalRows, i.Processed, i.Earned, i.Points, i.Duplicates, i.Rejected,
        i.CreatedAt, i.StartedAt, i.CompletedAt);

    public async ValueTask<ImportResponse> Handle(GetImportQuery query, CancellationToken cancellationToken) =>
        ToResponse(await FindAsync(query.PartnerId, query.ImportId, cancellationToken));

    public async ValueTask<Page<ImportResponse>> Handle(ListImportsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var imports = db.Imports.AsNoTracking().Where(i => i.PartnerId == query.PartnerId);
        if (Paging.DecodeTime(query.Cursor) is var (createdAt, id))
        {
            imports = imports.Where(i => i.CreatedAt < createdAt || (i.CreatedAt == createdAt && i.Id.CompareTo(id) < 0));
        }

        var rows = await imports.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.ConvertAll(ToResponse), limit, i => Paging.TimeKey(i.CreatedAt, i.Id));
    }

    public async ValueTask<string> Handle(GetRejectedRowsQuery query, CancellationToken cancellationToken)
    {
        await FindAsync(query.PartnerId, query.ImportId, cancellationToken);
        var rows = await db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == query.ImportId && r.Outcome == ImportRowOutcome.Rejected)
            .OrderBy(r => r.RowNumber)
            .Select(r => new { r.RowNumber, r.ExternalId, r.ReasonCode, r.Message })
            .ToListAsync(cancellationToken);
        var csv = new StringBuilder("rowNumber,externalId,reasonCode,message\r\n");
        foreach (var r in rows)
        {
            csv.Append(r.RowNumber.ToString(CultureInfo.InvariantCulture)).Append(',').Append(CsvField.Of(r.ExternalId)).Append(',')
                .Append(CsvField.Of(r.ReasonCode)).Append(',').Append(CsvField.Of(r.Message)).Append("\r\n");
        }

        return csv.ToString();
    }

    private async Task<Import> FindAsync(Guid partnerId, Guid importId, CancellationToken cancellationToken) =>
        await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.PartnerId == partnerId, cancellationToken)
        ?? throw AppException.NotFound(ErrorCodes.ImportNotFound, "Your partner account has no import with this id.");
}
