using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NotificationContentKind = Loyalty.Domain.Customised.Notifications.NotificationContentKind;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>Every reward, active or not, in name order; the cursor is the last name seen (names are unique).</summary>
public sealed record ListRewardsQuery(int? Limit, string? Cursor) : IQuery<Page<RewardResponse>>;

public sealed class ListRewardsHandler(ILoyaltyDbContext db) : IQueryHandler<ListRewardsQuery, Page<RewardResponse>>
{
    public async ValueTask<Page<RewardResponse>> Handle(ListRewardsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var rewards = db.Rewards.AsNoTracking();
        if (after is not null)
        {
            rewards = rewards.Where(r => string.Compare(r.Name, after) > 0);
        }

        var rows = await rewards.OrderBy(r => r.Name).Take(limit + 1).Include(r => r.Tiers).ToListAsync(cancellationToken);
        var interests = await ContentInterestTags.CodesAsync(db, NotificationContentKind.Reward, [.. rows.Select(r => r.Id)], cancellationToken);
        return Paging.ToPage([.. rows.Select(r => RewardCatalogue.ToResponse(r, interests.GetValueOrDefault(r.Id, [])))], limit, r => r.Name);
    }
}
