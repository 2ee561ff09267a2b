using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using ImportFormat = Loyalty.Domain.Structural.Imports.ImportFormat;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>
/// A partner uploads a file of offline purchases: it is read whole (or refused with 400, nothing stored), its rows
/// stored, and the import queued for the background job. Rows whose values cannot be read are rejected at once.
/// </summary>
public sealed record UploadImportCommand(Guid PartnerId, ImportFormat Format, [property: CheckedPerRow] string Body) : ICommand<ImportResponse>, ITransactionalCommand;

public sealed class UploadImportHandler(ILoyaltyDbContext db, TimeProvider clock) : ICommandHandler<UploadImportCommand, ImportResponse>
{
    public async ValueTask<ImportResponse> Handle(UploadImportCommand command, CancellationToken cancellationToken)
    {
        var parsed = command.Format == ImportFormat.Csv
            ? ImportFile.ReadCsv(command.Body)
            : ImportFile.ReadJson(command.Body).Select(r => ((ImportRowRequest?)r, (string?)null)).ToList();

        var rows = new List<ImportRow>(parsed.Count);
        var import = Import.Create(command.PartnerId, command.Format, parsed.Count, clock.GetUtcNow());
        var importId = import.Id;
        for (var i = 0; i < parsed.Count; i++)
        {
            var (row, error) = parsed[i];
            var missing = row is null ? "row" : MissingField(row);
            error ??= missing is null ? null : $"{missing} is required.";
            // Control characters are refused here, before anything is stored (PostgreSQL cannot even store a NUL).
            error ??= TextSafety.Problems(row).Select(p => p.Message).FirstOrDefault();
            if (error is not null)
            {
                var unreadable = ImportRow.Unreadable(importId, i + 1, TextSafety.Scrub(row?.ExternalId ?? ""), ErrorCodes.InvalidRow, error);
                import.Count(unreadable.Outcome, 0);
                rows.Add(unreadable);
                continue;
            }

            rows.Add(ImportRow.Create(importId, i + 1, row!.MemberNumber!, row.StoreId!.Value, row.ExternalId!, row.Amount!.Value, row.Currency!, row.PurchasedAt));
        }

        db.Imports.Add(import);
        db.ImportRows.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return ImportQueries.ToResponse(import);
    }

    private static string? MissingField(ImportRowRequest row) =>
        string.IsNullOrWhiteSpace(row.MemberNumber) ? "memberNumber"
        : row.StoreId is null ? "storeId"
        : string.IsNullOrWhiteSpace(row.ExternalId) ? "externalId"
        : row.Amount is null ? "amount"
        : string.IsNullOrWhiteSpace(row.Currency) ? "currency"
        : row.PurchasedAt is null ? "purchasedAt"
        : null;
}
