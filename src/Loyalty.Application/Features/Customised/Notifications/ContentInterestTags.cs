using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Notifications;

/// <summary>
/// The interest topics an offer, a reward or a club event is about, by topic code on the wire and by topic id in
/// <c>ContentInterests</c> (where the notification fan-out joins them to members' interests).
/// </summary>
public static class ContentInterestTags
{
    public const int MaxTags = 20;

    /// <summary>The topic ids of <paramref name="codes"/>, each an active topic (422 unknown_interest_topic otherwise).</summary>
    public static async Task<IReadOnlyList<Guid>> ResolveAsync(ILoyaltyDbContext db, IReadOnlyList<string>? codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (codes is null || codes.Count == 0)
        {
            return [];
        }

        var wanted = codes.Select(InterestTopic.NormalizeCode).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.InterestTopics.AsNoTracking().Where(t => t.Active && wanted.Contains(t.Code)).Select(t => new { t.Code, t.Id }).ToListAsync(cancellationToken);
        var unknown = wanted.Except(found.Select(t => t.Code), StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? [.. found.Select(t => t.Id)]
            : throw new DomainException(ErrorCodes.UnknownInterestTopic, $"No active interest topic has the code {string.Join(", ", unknown.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Replaces the content's topics (in the caller's unit of work).</summary>
    public static async Task SetAsync(ILoyaltyDbContext db, NotificationContentKind kind, Guid contentId, IReadOnlyList<Guid> topicIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(topicIds);
        var current = await db.ContentInterests.Where(c => c.ContentKind == kind && c.ContentId == contentId).ToListAsync(cancellationToken);
        db.ContentInterests.RemoveRange(current.Where(c => !topicIds.Contains(c.TopicId)));
        db.ContentInterests.AddRange(topicIds.Where(id => current.All(c => c.TopicId != id)).Select(id => ContentInterest.Of(kind, contentId, id)));
    }

    /// <summary>The codes of topic ids just resolved, in code order (for the response of a write).</summary>
    public static async Task<IReadOnlyList<string>> CodesOfAsync(ILoyaltyDbContext db, IReadOnlyList<Guid> topicIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(topicIds);
        if (topicIds.Count == 0)
        {
            return [];
        }

        var ids = topicIds.ToList();
        var codes = await db.InterestTopics.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Code).ToListAsync(cancellationToken);
        return [.. codes.Order(StringComparer.Ordinal)];
    }

    /// <summary>The topic codes of one piece of content, in code order.</summary>
    public static async Task<IReadOnlyList<string>> CodesAsync(ILoyaltyDbContext db, NotificationContentKind kind, Guid contentId, CancellationToken cancellationToken) =>
        (await CodesAsync(db, kind, [contentId], cancellationToken)).GetValueOrDefault(contentId, []);

    /// <summary>The topic codes of several pieces of content of one kind (a page of a list), in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> CodesAsync(
        ILoyaltyDbContext db, NotificationContentKind kind, IReadOnlyCollection<Guid> contentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contentIds);
        if (contentIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<string>>();
        }

        var ids = contentIds.ToList();
        var rows = await (from c in db.ContentInterests.AsNoTracking()
                          where c.ContentKind == kind && ids.Contains(c.ContentId)
                          join t in db.InterestTopics.AsNoTracking() on c.TopicId equals t.Id
                          select new { c.ContentId, t.Code }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ContentId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Code).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The shape of a request's topic codes.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> InterestCodes<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(codes => codes is null || (codes.Count <= MaxTags && codes.All(c => !string.IsNullOrWhiteSpace(c) && c.Length <= 50)))
            .WithMessage($"interests holds at most {MaxTags} topic codes of at most 50 characters.");
}
