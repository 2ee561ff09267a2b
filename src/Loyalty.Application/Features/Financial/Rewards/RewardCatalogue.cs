using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Financial.Rewards;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>What the reward use cases share: look-ups, the admin response, the name and tier checks.</summary>
public static class RewardCatalogue
{
    public static AppException NotFound() => AppException.NotFound(ErrorCodes.RewardNotFound, "No reward has this id.");

    public static RewardResponse ToResponse(Reward r, IReadOnlyList<string> interests) =>
        new(r.Id, r.Name, r.Description, r.PointsCost, r.Stock, r.PerMemberLimit, r.AvailableFrom, r.AvailableUntil, r.EligibleTierIds, r.VoucherValidityDays, r.IsActive, r.CreatedAt, r.UpdatedAt, r.Category, interests);

    public static async Task<RewardResponse> ResponseAsync(ILoyaltyDbContext db, Reward r, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(r);
        return ToResponse(r, await ContentInterestTags.CodesAsync(db, NotificationContentKind.Reward, r.Id, cancellationToken));
    }

    /// <summary>
    /// A reward becomes something to tell members about when it is active and its window has not ended: members
    /// interested in its topics (and in its tiers) are notified then, once each.
    /// </summary>
    public static async Task NotifyIfAvailableAsync(InterestNotifications notifications, Reward r, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(r);
        if (r.IsActive && (r.AvailableUntil is null || now < r.AvailableUntil) && r.Stock != 0)
        {
            await notifications.PublishedAsync(NotificationContentKind.Reward, r.Id, r.Name, now, cancellationToken);
        }
    }

    /// <summary>Names are unique regardless of case (a catalogue with two "Free Coffee" entries confuses members).</summary>
    public static async Task EnsureNameFreeAsync(ILoyaltyDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var upper = name.ToUpperInvariant();
        if (await db.Rewards.AnyAsync(r => r.Name.ToUpper() == upper && r.Id != except, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.RewardNameTaken, $"A reward named '{name}' already exists.");
        }
    }

    /// <summary>The distinct tier ids asked for, each of which must exist (there are only a handful of tiers).</summary>
    public static async Task<IReadOnlyList<Guid>> KnownTiersAsync(ILoyaltyDbContext db, IReadOnlyList<Guid> tierIds, CancellationToken cancellationToken)
    {
        if (tierIds.Count == 0)
        {
            return [];
        }

        var known = (await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
        var unknown = tierIds.Where(id => !known.Contains(id)).Distinct().ToList();
        return unknown.Count == 0
            ? [.. tierIds.Distinct()]
            : throw new DomainException(ErrorCodes.UnknownTier, $"No tier has the id {string.Join(", ", unknown)}.");
    }
}
