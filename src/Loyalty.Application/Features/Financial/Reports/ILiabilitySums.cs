namespace Loyalty.Application.Features.Financial.Reports;

/// <summary>The liability report's sums by calendar month, which LINQ cannot group portably; provider SQL in Infrastructure.</summary>
public interface ILiabilitySums
{
    /// <summary>Ledger points (available and pending) per UTC month 'yyyy-MM' and entry type, for entries in [start, end).</summary>
    Task<List<MonthTypeSum>> MovementsByMonthAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);

    /// <summary>Points still in lots per UTC month of expiry (null: never expires), split into available and pending.</summary>
    Task<List<ExpiryMonthSum>> RemainingByExpiryMonthAsync(CancellationToken cancellationToken);
}

public sealed class MonthTypeSum
{
    public string Month { get; init; } = "";

    public string Type { get; init; } = "";

    public long Points { get; init; }
}

public sealed class ExpiryMonthSum
{
    public string? Month { get; init; }

    public long Available { get; init; }

    public long Pending { get; init; }
}
