using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NotificationContentKind = Loyalty.Domain.Customised.Notifications.NotificationContentKind;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Every event, by start time; <paramref name="EndingAfter"/> leaves out those that ended before it (e.g. now, for the upcoming ones).</summary>
public sealed record ListClubEventsQuery(DateTimeOffset? EndingAfter, int? Limit, string? Cursor) : IQuery<Page<ClubEventResponse>>;

public sealed class ListClubEventsValidator : AbstractValidator<ListClubEventsQuery>
{
    public ListClubEventsValidator() => RuleFor(q => q.EndingAfter).WithinDateBounds("endingAfter");
}

public sealed class ListClubEventsHandler(ILoyaltyDbContext db) : IQueryHandler<ListClubEventsQuery, Page<ClubEventResponse>>
{
    public async ValueTask<Page<ClubEventResponse>> Handle(ListClubEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var events = db.ClubEvents.AsNoTracking();
        if (query.EndingAfter is { } endingAfter)
        {
            events = events.Where(e => e.EndsAt > endingAfter);
        }

        if (Paging.DecodeTime(query.Cursor) is var (startsAt, id))
        {
            events = events.Where(e => e.StartsAt > startsAt || (e.StartsAt == startsAt && e.Id.CompareTo(id) > 0));
        }

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1).Include(e => e.Tiers).ToListAsync(cancellationToken);
        var counts = await ClubEvents.CountAsync(db, [.. rows.Select(e => e.Id)], cancellationToken);
        var interests = await ContentInterestTags.CodesAsync(db, NotificationContentKind.ClubEvent, [.. rows.Select(e => e.Id)], cancellationToken);
        var items = rows.Select(e => ClubEvents.ToResponse(e, counts.GetValueOrDefault(e.Id, ClubEventCounts.None), interests.GetValueOrDefault(e.Id, []))).ToList();
        return Paging.ToPage(items, limit, e => Paging.TimeKey(e.StartsAt, e.Id));
    }
}
