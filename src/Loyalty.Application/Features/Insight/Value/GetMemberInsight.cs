using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Insight.Churn;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Value;

/// <summary>
/// A member's value, RFM, loyal / general / drifting standing (explained) and churn risk (with reasons) from the latest run, and their
/// scores in earlier runs (movement). Administrators for any member, account managers for their portfolio.
/// </summary>
public sealed record GetMemberInsightQuery(StaffCaller Caller, Guid MemberId) : IQuery<MemberInsightResponse>;

public sealed class GetMemberInsightHandler(ILoyaltyDbContext db) : IQueryHandler<GetMemberInsightQuery, MemberInsightResponse>
{
    public const int HistoryRuns = 12;

    public async ValueTask<MemberInsightResponse> Handle(GetMemberInsightQuery query, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        var latest = await InsightViews.LatestRunAsync(db, cancellationToken);
        if (latest is null)
        {
            return new MemberInsightResponse(query.MemberId, null, []);
        }

        var rows = await (from i in db.MemberInsights.AsNoTracking()
                          join r in db.InsightRuns.AsNoTracking() on i.RunId equals r.Id
                          where i.MemberId == query.MemberId
                          orderby r.Number descending
                          select new { Insight = i, Run = r }).Take(HistoryRuns).ToListAsync(cancellationToken);
        // Care feeds churn reasons: a member who left and said why carries that reason before the behavioural ones.
        var left = await db.LeavingReasons.AsNoTracking().Where(r => r.MemberId == query.MemberId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var current = rows.FirstOrDefault(x => x.Run.Id == latest.Id) ?? (left is null ? null : rows.FirstOrDefault());
        return new MemberInsightResponse(
            query.MemberId,
            current?.Insight.ToResponse(current.Run, left is null ? null : ChurnRisk.Left(left.Reason, left.Text, left.At)),
            [.. rows.Select(x => new MemberScoreHistoryItem(
                x.Run.Id, x.Run.AsOf, InsightViews.Money(x.Insight.LifetimeValue), x.Insight.ValueDecile,
                new RfmScores(x.Insight.Recency, x.Insight.Frequency, x.Insight.Monetary), x.Insight.Class.ToWire(), x.Insight.ChurnScore))]);
    }
}
