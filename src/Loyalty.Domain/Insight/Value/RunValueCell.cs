namespace Loyalty.Domain.Insight.Value;

/// <summary>
/// How many members of one insight run share a value decile and an RFM cell, with their lifetime value (total, lowest,
/// highest; ten-thousandths). Stored with the run (at most 10 × 125 rows), so the value distribution is read from a
/// handful of rows instead of grouping the run's member rows — a million of them in a large programme — on every view.
/// </summary>
public sealed class RunValueCell
{
    private RunValueCell()
    {
    }

    public Guid RunId { get; private set; }

    public int ValueDecile { get; private set; }

    public int Recency { get; private set; }

    public int Frequency { get; private set; }

    public int Monetary { get; private set; }

    public long Members { get; private set; }

    public long TotalValue { get; private set; }

    public long MinValue { get; private set; }

    public long MaxValue { get; private set; }

    public static RunValueCell Create(Guid runId, int valueDecile, int recency, int frequency, int monetary, long members, long totalValue, long minValue, long maxValue) =>
        new()
        {
            RunId = runId,
            ValueDecile = valueDecile,
            Recency = recency,
            Frequency = frequency,
            Monetary = monetary,
            Members = members,
            TotalValue = totalValue,
            MinValue = minValue,
            MaxValue = maxValue,
        };
}
