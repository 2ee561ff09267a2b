using System.Globalization;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Churn;

/// <summary>
/// High-value members at risk, riskiest first: churn score at least <c>minScore</c> (default 50) and value decile at
/// most <c>maxDecile</c> (default 3, the top 30 %), from the latest run. An account manager sees only their
/// portfolio; an administrator every member, or one manager's portfolio with managerId.
/// </summary>
public sealed record ListAtRiskMembersQuery(StaffCaller Caller, Guid? ManagerId = null, int? MinScore = null, int? MaxDecile = null, int? Limit = null, string? Cursor = null)
    : IQuery<Page<AtRiskMemberResponse>>;

public sealed class ListAtRiskMembersHandler(IReportingDbContext db) : IQueryHandler<ListAtRiskMembersQuery, Page<AtRiskMemberResponse>>
{
    public const int DefaultMinScore = 50;
    public const int DefaultMaxDecile = 3;

    public async ValueTask<Page<AtRiskMemberResponse>> Handle(ListAtRiskMembersQuery query, CancellationToken cancellationToken)
    {
        var managerId = Portfolio.ListScope(query.Caller, query.ManagerId);
        var limit = Paging.Limit(query.Limit);
        var minScore = query.MinScore ?? DefaultMinScore;
        var maxDecile = query.MaxDecile ?? DefaultMaxDecile;
        if (minScore is < 0 or > 100 || maxDecile is < 1 or > 10)
        {
            throw AppException.BadRequest(ErrorCodes.ValidationFailed, "minScore is 0–100 and maxDecile 1–10.");
        }

        var run = await InsightViews.LatestRunAsync(db, cancellationToken);
        if (run is null)
        {
            return new Page<AtRiskMemberResponse>([], null);
        }

        var scores = db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id && i.ChurnScore >= minScore && i.ValueDecile <= maxDecile);
        if (managerId is { } manager)
        {
            scores = scores.Where(i => db.PortfolioAssignments.Any(a => a.MemberId == i.MemberId && a.ManagerId == manager));
        }

        if (DecodeCursor(query.Cursor) is var (afterScore, afterRank, afterId))
        {
            // The first condition alone lets the index (IX_MemberInsights_AtRisk) start at the cursor's score.
            scores = scores.Where(i => i.ChurnScore <= afterScore)
                .Where(i => i.ChurnScore < afterScore
                    || (i.ChurnScore == afterScore && (i.ValueRank > afterRank || (i.ValueRank == afterRank && i.MemberId.CompareTo(afterId) > 0))));
        }

        var rows = await (from i in scores
                          join m in db.Members.AsNoTracking() on i.MemberId equals m.Id
                          orderby i.ChurnScore descending, i.ValueRank, i.MemberId
                          select new { Insight = i, m.MemberNumber, m.FirstName, m.LastName }).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(r => new AtRiskMemberResponse(
            r.Insight.MemberId, r.MemberNumber, r.FirstName, r.LastName, r.Insight.TierId, r.Insight.ChurnScore, InsightViews.Reasons(r.Insight.Facts, r.Insight.Nps),
            InsightViews.Money(r.Insight.LifetimeValue), run.Currency, r.Insight.ValueDecile, r.Insight.Class.ToWire(), r.Insight.LastVisitAt)).ToList();
        var ranks = rows.ToDictionary(r => r.Insight.MemberId, r => r.Insight.ValueRank);
        return Paging.ToPage(items, limit, i => string.Create(CultureInfo.InvariantCulture, $"{i.ChurnScore}|{ranks[i.MemberId]}|{i.MemberId:N}"));
    }

    private static (int, int, Guid)? DecodeCursor(string? cursor)
    {
        var key = Paging.Decode(cursor);
        if (key is null)
        {
            return null;
        }

        var parts = key.Split('|');
        return parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
                                 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
                                 && Guid.TryParseExact(parts[2], "N", out var id)
            ? (score, rank, id)
            : throw AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
    }
}
