using System.Globalization;
using System.Text;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Imports;

public sealed class ImportQueries(ILoyaltyDbContext db)
    : IQueryHandler<GetImportQuery, ImportResponse>, IQueryHandler<ListImportsQuery, IReadOnlyList<ImportResponse>>, IQueryHandler<GetRejectedRowsQuery, string>
{
    public const int ListLimit = 100;

    public static ImportResponse ToResponse(Import i) => new(
        i.Id, i.Format.ToString().ToLowerInvariant(), i.Status.ToString().ToLowerInvariant(), i.TotalRows, i.Processed, i.Earned, i.Points, i.Duplicates, i.Rejected,
        i.CreatedAt, i.StartedAt, i.CompletedAt);

    public async ValueTask<ImportResponse> Handle(GetImportQuery query, CancellationToken cancellationToken) =>
        ToResponse(await FindAsync(query.PartnerId, query.ImportId, cancellationToken));

    public async ValueTask<IReadOnlyList<ImportResponse>> Handle(ListImportsQuery query, CancellationToken cancellationToken)
    {
        var imports = await db.Imports.AsNoTracking().Where(i => i.PartnerId == query.PartnerId).OrderByDescending(i => i.CreatedAt).Take(ListLimit).ToListAsync(cancellationToken);
        return imports.ConvertAll(ToResponse);
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
