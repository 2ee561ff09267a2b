using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Domain.Insight.Value;
using Microsoft.EntityFrameworkCore;
using WireClass = Loyalty.Contracts.Admin.MemberClass;
using WireReason = Loyalty.Contracts.Admin.ChurnReasonKind;

namespace Loyalty.Application.Features.Insight;

/// <summary>Reading runs and turning stored scores into responses, with explanations and reasons worded from the stored facts.</summary>
public static class InsightViews
{
    /// <summary>The latest completed run, or null before the first.</summary>
    public static Task<InsightRun?> LatestRunAsync(ILoyaltyDbContext db, CancellationToken cancellationToken) =>
        db.InsightRuns.AsNoTracking().OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);

    public static async Task<InsightRun> RequireLatestRunAsync(ILoyaltyDbContext db, CancellationToken cancellationToken) =>
        await LatestRunAsync(db, cancellationToken)
        ?? throw AppException.NotFound(ErrorCodes.InsightNotComputed, "No insight run has scored the members yet; POST /api/v1/admin/insight/refresh.");

    public static decimal Money(long tenThousandths) => tenThousandths / 10_000m;

    public static InsightRunResponse ToResponse(this InsightRun r) =>
        new(r.Id, r.AsOf, r.Currency, r.Members, r.RetentionCohort, r.RetentionRetained, r.Retention, r.ValueMultiple, r.CompletedAt, r.TriggeredBy);

    public static WireClass ToWire(this Domain.Insight.Classes.MemberClass c) => WireValue.Of<WireClass>(c);

    public static IReadOnlyList<ChurnReasonResponse> Reasons(MemberFacts facts, int? nps, ChurnReason? left = null) =>
        [.. (left is null ? [] : new[] { left }).Concat(ChurnRisk.Assess(facts, nps).Reasons).Select(r => new ChurnReasonResponse(WireValue.Of<WireReason>(r.Kind), r.Points, r.Text))];

    /// <summary>A member's scores with the explanation and reasons worded from the run's facts and stated intent; <paramref name="left"/> (a reason for leaving) comes first.</summary>
    public static MemberScoresResponse ToResponse(this MemberInsight i, InsightRun run, ChurnReason? left = null)
    {
        var facts = i.Facts;
        return new MemberScoresResponse(
            run.Id,
            run.AsOf,
            i.TierId,
            new RfmScores(i.Recency, i.Frequency, i.Monetary),
            Money(i.LifetimeValue),
            run.Currency,
            i.ValueRank,
            i.ValueDecile,
            i.Class.ToWire(),
            MemberClassRule.Explain(facts, i.Nps).Explanation,
            i.ChurnScore,
            Reasons(facts, i.Nps, left),
            new MemberInsightFacts(
                i.TenureDays, i.Visits, i.VisitsYear, i.VisitsQuarter, i.VisitsPreviousQuarter, Money(i.NetSpendYear), Money(i.NetSpendQuarter),
                i.LastVisitAt, i.DaysSinceLastVisit, i.IntervalDays, facts.IntervalSpread));
    }
}
