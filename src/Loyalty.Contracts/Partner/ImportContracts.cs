namespace Loyalty.Contracts.Partner;

/// <summary>The file type of an import.</summary>
public enum ImportFormat
{
    Csv,
    Json,
}

/// <summary>Where an import stands.</summary>
public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One offline purchase in a JSON import (the body is an array of these). The CSV form has the same columns, flat:
/// memberNumber,storeId,externalId,amount,currency,purchasedAt (header required, any order); imports carry no basket lines.
/// </summary>
public sealed record ImportRowRequest(string? MemberNumber, Guid? StoreId, string? ExternalId, decimal? Amount, string? Currency, DateTimeOffset? PurchasedAt);

/// <summary>
/// An import and its progress. status: queued, running, completed, failed. processed counts rows settled so far
/// (earned + duplicates + rejected); points is what the earned rows gave.
/// </summary>
public sealed record ImportResponse(
    Guid Id,
    ImportFormat Format,
    ImportStatus Status,
    int TotalRows,
    int Processed,
    int Earned,
    long Points,
    int Duplicates,
    int Rejected,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);
