using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>Answered surveys, newest answer first, each linked to member, tier, store and partner; optionally one member's.</summary>
public sealed record ListSurveyAnswersQuery(Guid? MemberId = null, int? Limit = null, string? Cursor = null) : IQuery<Page<SurveyAnswerResponse>>;

public sealed class ListSurveyAnswersHandler(ILoyaltyDbContext db) : IQueryHandler<ListSurveyAnswersQuery, Page<SurveyAnswerResponse>>
{
    public async ValueTask<Page<SurveyAnswerResponse>> Handle(ListSurveyAnswersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var surveys = db.Surveys.AsNoTracking().Where(s => s.AnsweredAt != null);
        if (query.MemberId is { } memberId)
        {
            surveys = surveys.Where(s => s.MemberId == memberId);
        }

        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            surveys = surveys.Where(s => s.AnsweredAt < at || (s.AnsweredAt == at && s.Id.CompareTo(id) < 0));
        }

        var rows = await surveys.OrderByDescending(s => s.AnsweredAt).ThenByDescending(s => s.Id).Take(limit + 1).Include(s => s.Dimensions).ToListAsync(cancellationToken);
        return Paging.ToPage(
            rows.Select(s => new SurveyAnswerResponse(s.Id, s.MemberId, WireValue.Of<SurveyTouchpoint>(s.Touchpoint), s.TouchpointId, s.TierId, s.StoreId, s.PartnerId,
                s.RequestedAt, s.AnsweredAt!.Value, s.Csat!.Value, s.Nps!.Value, s.Comment,
                s.Dimensions.OrderBy(d => d.Dimension, StringComparer.Ordinal).Select(d => new DimensionScore(d.Dimension, d.Expected, d.Perceived)).ToList())).ToList(),
            limit, s => Paging.TimeKey(s.AnsweredAt, s.Id));
    }
}
