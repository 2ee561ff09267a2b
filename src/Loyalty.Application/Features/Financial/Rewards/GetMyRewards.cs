using System.Globalization;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>
/// The catalogue as one member sees it now: active rewards inside their window that the member's tier may redeem,
/// cheapest first, each with whether the member can afford it and how many more they may redeem.
/// </summary>
public sealed record GetMyRewardsQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<RewardOfferResponse>>;

public sealed class GetMyRewardsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyRewardsQuery, Page<RewardOfferResponse>>
{
    public async ValueTask<Page<RewardOfferResponse>> Handle(GetMyRewardsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = DecodeCursor(query.Cursor);
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        var available = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == member.Id).Select(a => a.Available).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var tierId = tier.Id;

        var rewards = db.Rewards.AsNoTracking().Where(r =>
            r.IsActive
            && (r.AvailableFrom == null || r.AvailableFrom <= now)
            && (r.AvailableUntil == null || r.AvailableUntil > now)
            && (!r.Tiers.Any() || r.Tiers.Any(t => t.TierId == tierId)));
        if (after is var (cost, name))
        {
            rewards = rewards.Where(r => r.PointsCost > cost || (r.PointsCost == cost && string.Compare(r.Name, name) > 0));
        }

        var rows = await rewards.OrderBy(r => r.PointsCost).ThenBy(r => r.Name).Take(limit + 1)
            .Select(r => new { r.Id, r.Name, r.Description, r.PointsCost, r.Stock, r.PerMemberLimit, r.AvailableUntil, r.VoucherValidityDays })
            .ToListAsync(cancellationToken);
        // A member holds few vouchers: counting all of theirs per reward is cheaper than a look-up per row.
        var redeemed = await db.Vouchers.AsNoTracking().Where(v => v.MemberId == member.Id)
            .GroupBy(v => v.RewardId).Select(g => new { RewardId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RewardId, g => g.Count, cancellationToken);

        var canTransact = member.Status == Domain.Social.Members.MemberStatus.Active;
        var items = rows.Select(r =>
        {
            var mine = redeemed.GetValueOrDefault(r.Id);
            int? remaining = (r.PerMemberLimit - mine, r.Stock) switch
            {
                (null, null) => null,
                ({ } left, null) => Math.Max(0, left),
                (null, { } stock) => stock,
                ({ } left, { } stock) => Math.Max(0, Math.Min(left, stock)),
            };
            var price = tier.RewardPrice(r.PointsCost);
            var canAfford = available >= price;
            return new RewardOfferResponse(
                r.Id, r.Name, r.Description, price, r.Stock, r.PerMemberLimit, mine, remaining,
                canAfford, canTransact && canAfford && remaining is null or > 0, r.AvailableUntil, r.VoucherValidityDays, r.PointsCost);
        }).ToList();
        // The discount is one percentage for the whole list, so the order by regular price is the order by price paid.
        return Paging.ToPage(items, limit, r => string.Create(CultureInfo.InvariantCulture, $"{r.RegularPointsCost}:{r.Name}"));
    }

    private static (long Cost, string Name)? DecodeCursor(string? cursor)
    {
        var key = Paging.Decode(cursor);
        if (key is null)
        {
            return null;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var cost)
            ? (cost, key[(colon + 1)..])
            : throw AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
    }
}
