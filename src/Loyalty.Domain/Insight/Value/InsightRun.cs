using Loyalty.Domain.Common;
using Loyalty.Domain.Insight.Classes;

namespace Loyalty.Domain.Insight.Value;

/// <summary>
/// One scoring of every active member as of <see cref="AsOf"/>: the snapshot its <see cref="MemberInsight"/> rows
/// belong to. Runs are kept, so value, class and risk can be compared between any two.
/// </summary>
public sealed class InsightRun
{
    private InsightRun()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>1, 2, 3 … in the order runs started: the latest run is the highest (two runs may share an instant under a test clock).</summary>
    public long Number { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>Members in the year-before-last cohort (see <see cref="LifetimeValue.Retention"/>) and how many bought again.</summary>
    public long RetentionCohort { get; private set; }

    public long RetentionRetained { get; private set; }

    public double Retention { get; private set; }

    /// <summary>The lifetime-value multiple applied to every member's annual value.</summary>
    public double ValueMultiple { get; private set; }

    public int Members { get; private set; }

    public DateTimeOffset CompletedAt { get; private set; }

    /// <summary>Who asked: the job's name or the administrator's subject.</summary>
    public string TriggeredBy { get; private set; } = "";

    public const int TriggeredByLength = 200;

    public static InsightRun Start(long number, DateTimeOffset asOf, string currency, long cohort, long retained, string triggeredBy)
    {
        var retention = LifetimeValue.Retention(cohort, retained);
        return new InsightRun
        {
            Id = EntityId.New(),
            Number = number,
            AsOf = asOf,
            Currency = currency,
            RetentionCohort = cohort,
            RetentionRetained = retained,
            Retention = retention,
            ValueMultiple = LifetimeValue.Multiple(retention),
            TriggeredBy = triggeredBy,
            CompletedAt = asOf,
        };
    }

    public void Complete(int members, DateTimeOffset at)
    {
        Members = members;
        CompletedAt = at;
    }
}

/// <summary>
/// A member's scores in one run, with the facts they were computed from (so explanations and reasons can be given in
/// words later, and checked against the rules). Written only by the set-based scoring.
/// </summary>
public sealed class MemberInsight
{
    private MemberInsight()
    {
    }

    public Guid RunId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The member's tier at the run, for counts by tier over time.</summary>
    public Guid TierId { get; private set; }

    public int TenureDays { get; private set; }

    public int Visits { get; private set; }

    public int VisitsYear { get; private set; }

    public int VisitsQuarter { get; private set; }

    public int VisitsPreviousQuarter { get; private set; }

    public long NetSpendYear { get; private set; }

    public long NetSpendQuarter { get; private set; }

    public DateTimeOffset? LastVisitAt { get; private set; }

    public int? DaysSinceLastVisit { get; private set; }

    public double? IntervalDays { get; private set; }

    public double? IntervalVariation { get; private set; }

    public int Recency { get; private set; }

    public int Frequency { get; private set; }

    public int Monetary { get; private set; }

    /// <summary>Lifetime value estimate in ten-thousandths of the run's currency.</summary>
    public long LifetimeValue { get; private set; }

    /// <summary>1 = the most valuable member; equal values share a rank.</summary>
    public int ValueRank { get; private set; }

    /// <summary>1 = the most valuable tenth.</summary>
    public int ValueDecile { get; private set; }

    public MemberClass Class { get; private set; }

    public int ChurnScore { get; private set; }

    /// <summary>The member's latest NPS answer as of the run (stated intent in the class rule and churn score), or null without one.</summary>
    public int? Nps { get; private set; }

    public MemberFacts Facts => new(TenureDays, Visits, VisitsYear, VisitsQuarter, VisitsPreviousQuarter, NetSpendYear, NetSpendQuarter, DaysSinceLastVisit, IntervalDays, IntervalVariation);
}
