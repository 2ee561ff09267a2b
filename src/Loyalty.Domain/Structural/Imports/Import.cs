using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.Imports;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

public enum ImportFormat
{
    Csv,
    Json,
}

public enum ImportRowOutcome
{
    Pending,
    Earned,
    Duplicate,
    Rejected,
}

/// <summary>A partner's file of offline purchases, processed in the background row by row; counters show progress.</summary>
public sealed class Import
{
    public const int MaxRows = 100_000;

    private Import()
    {
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public ImportFormat Format { get; private set; }

    public ImportStatus Status { get; private set; }

    public int TotalRows { get; private set; }

    public int Processed { get; private set; }

    public int Earned { get; private set; }

    public long Points { get; private set; }

    public int Rejected { get; private set; }

    public int Duplicates { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The lease of the job instance working on it; another instance takes over once it lapses.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public static Import Create(Guid partnerId, ImportFormat format, int totalRows, DateTimeOffset now) =>
        new()
        {
            Id = EntityId.New(),
            PartnerId = partnerId,
            Format = format,
            Status = ImportStatus.Queued,
            TotalRows = totalRows,
            CreatedAt = now,
        };

    public void Count(ImportRowOutcome outcome, long points)
    {
        Processed++;
        switch (outcome)
        {
            case ImportRowOutcome.Earned:
                Earned++;
                Points += points;
                break;
            case ImportRowOutcome.Duplicate:
                Duplicates++;
                break;
            case ImportRowOutcome.Rejected:
                Rejected++;
                break;
            case ImportRowOutcome.Pending:
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome));
        }
    }

    public void Start(DateTimeOffset now, DateTimeOffset claimedUntil)
    {
        Status = ImportStatus.Running;
        StartedAt ??= now;
        ClaimedUntil = claimedUntil;
    }

    public void Release() => ClaimedUntil = null;

    public void Complete(DateTimeOffset now)
    {
        Status = ImportStatus.Completed;
        CompletedAt = now;
        ClaimedUntil = null;
    }
}

/// <summary>One row of an import as uploaded (values already parsed; a row that could not be parsed is rejected at upload).</summary>
public sealed class ImportRow
{
    public const int MaxText = 100;
    public const int MaxMessage = 500;

    private ImportRow()
    {
    }

    public Guid ImportId { get; private set; }

    /// <summary>1-based data row number (the CSV header and the JSON array brackets do not count).</summary>
    public int RowNumber { get; private set; }

    public string MemberNumber { get; private set; } = "";

    public Guid StoreId { get; private set; }

    public string ExternalId { get; private set; } = "";

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public DateTimeOffset? PurchasedAt { get; private set; }

    public ImportRowOutcome Outcome { get; private set; }

    public long Points { get; private set; }

    public string? ReasonCode { get; private set; }

    public string? Message { get; private set; }

    public static ImportRow Create(Guid importId, int rowNumber, string memberNumber, Guid storeId, string externalId, decimal amount, string currency, DateTimeOffset? purchasedAt) =>
        new()
        {
            ImportId = importId,
            RowNumber = rowNumber,
            MemberNumber = Clip(memberNumber, MaxText),
            StoreId = storeId,
            ExternalId = Clip(externalId, MaxText + 1), // one over the limit so the purchase rules still see it is too long
            Amount = amount,
            Currency = Clip(currency, 3 + 1),
            PurchasedAt = purchasedAt,
            Outcome = ImportRowOutcome.Pending,
        };

    public static ImportRow Unreadable(Guid importId, int rowNumber, string externalId, string code, string message)
    {
        var row = Create(importId, rowNumber, "", Guid.Empty, externalId, 0, "", null);
        row.Settle(ImportRowOutcome.Rejected, 0, code, message);
        return row;
    }

    public void Settle(ImportRowOutcome outcome, long points, string? code, string? message)
    {
        Outcome = outcome;
        Points = points;
        ReasonCode = code;
        Message = message is null ? null : Clip(message, MaxMessage);
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
