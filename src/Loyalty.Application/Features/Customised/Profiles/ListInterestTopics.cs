using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>All interest topics by code, active and retired, with how many members chose each.</summary>
public sealed record ListInterestTopicsQuery(int? Limit, string? Cursor) : IQuery<Page<InterestTopicResponse>>;

public sealed class ListInterestTopicsHandler(ILoyaltyDbContext db) : IQueryHandler<ListInterestTopicsQuery, Page<InterestTopicResponse>>
{
    public async ValueTask<Page<InterestTopicResponse>> Handle(ListInterestTopicsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var topics = db.InterestTopics.AsNoTracking();
        if (after is not null)
        {
            topics = topics.Where(t => string.Compare(t.Code, after) > 0);
        }

        var items = await topics.OrderBy(t => t.Code).Take(limit + 1)
            .Select(t => new InterestTopicResponse(t.Id, t.Code, t.Name, t.Active, db.MemberInterests.Count(i => i.TopicId == t.Id), t.CreatedAt))
            .ToListAsync(cancellationToken);
        return Paging.ToPage(items, limit, t => t.Code);
    }
}
