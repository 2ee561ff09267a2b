using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>My surveys waiting for an answer (not answered, not expired), newest first.</summary>
public sealed record ListMySurveysQuery(string Subject, int? Limit = null, string? Cursor = null) : IQuery<Page<MySurveyResponse>>;

public sealed class ListMySurveysHandler(ILoyaltyDbContext db, IOptions<CareOptions> options, TimeProvider clock) : IQueryHandler<ListMySurveysQuery, Page<MySurveyResponse>>
{
    public async ValueTask<Page<MySurveyResponse>> Handle(ListMySurveysQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var now = clock.GetUtcNow();
        var surveys = db.Surveys.AsNoTracking().Where(s => s.MemberId == member.Id && s.AnsweredAt == null && s.ExpiresAt > now);
        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            surveys = surveys.Where(s => s.RequestedAt < at || (s.RequestedAt == at && s.Id.CompareTo(id) < 0));
        }

        var rows = await surveys.OrderByDescending(s => s.RequestedAt).ThenByDescending(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var dimensions = options.Value.Dimensions;
        return Paging.ToPage(
            rows.Select(s => new MySurveyResponse(s.Id, WireValue.Of<SurveyTouchpoint>(s.Touchpoint), s.RequestedAt, s.ExpiresAt, s.StoreId, dimensions)).ToList(),
            limit, s => Paging.TimeKey(s.RequestedAt, s.Id));
    }
}
