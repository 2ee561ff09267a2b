using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;
using Wire = Loyalty.Contracts.Common;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// The one way a consent changes, whoever records it (app, till, staff, import): the current row is created or updated
/// and, when the value really changed, a <see cref="ConsentChange"/> with the time, source and actor is appended.
/// </summary>
public sealed class ConsentBook(ILoyaltyDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ConsentChange>> ApplyAsync(
        Guid memberId,
        IEnumerable<(Wire.ConsentPurpose Purpose, Wire.ContactChannel Channel, bool Granted)> changes,
        ConsentSource source,
        string? actor,
        CancellationToken cancellationToken)
    {
        var wanted = changes.Select(c => (Purpose: WireValue.Of<ConsentPurpose>(c.Purpose), Channel: WireValue.Of<ContactChannel>(c.Channel), c.Granted)).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var current = await db.MemberConsents.Where(c => c.MemberId == memberId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var recorded = new List<ConsentChange>();
        foreach (var (purpose, channel, granted) in wanted)
        {
            if (Decide(current, memberId, purpose, channel, granted, source, actor, now) is { } change)
            {
                recorded.Add(change);
            }
        }

        return recorded;
    }

    /// <summary>
    /// Decisions brought in from another system, for many members at once (their current consents read in one
    /// query). A decision older than the member's latest change of that consent is <see cref="ImportedConsent.Stale"/>:
    /// an import never undoes what the member said since.
    /// </summary>
    public async Task<IReadOnlyList<ImportedConsent>> ImportAsync(
        IReadOnlyList<(Guid MemberId, ConsentPurpose Purpose, ContactChannel Channel, bool Granted, DateTimeOffset? DecidedAt)> decisions,
        string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var memberIds = decisions.Select(d => d.MemberId).Distinct().ToList();
        var current = (await db.MemberConsents.Where(c => memberIds.Contains(c.MemberId)).ToListAsync(cancellationToken))
            .GroupBy(c => c.MemberId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var now = clock.GetUtcNow();
        var outcomes = new List<ImportedConsent>(decisions.Count);
        foreach (var (memberId, purpose, channel, granted, decidedAt) in decisions)
        {
            var mine = current.TryGetValue(memberId, out var rows) ? rows : current[memberId] = [];
            var existing = mine.SingleOrDefault(c => c.Purpose == purpose && c.Channel == channel);
            if (existing is not null && decidedAt is { } decided && existing.ChangedAt > decided)
            {
                outcomes.Add(ImportedConsent.Stale);
                continue;
            }

            outcomes.Add(Decide(mine, memberId, purpose, channel, granted, ConsentSource.Import, actor, now) is null ? ImportedConsent.Unchanged : ImportedConsent.Applied);
        }

        return outcomes;
    }

    private ConsentChange? Decide(
        List<MemberConsent> current, Guid memberId, ConsentPurpose purpose, ContactChannel channel, bool granted, ConsentSource source, string? actor, DateTimeOffset now)
    {
        var row = current.SingleOrDefault(c => c.Purpose == purpose && c.Channel == channel);
        if (row is null)
        {
            // No row already means "not granted": a withdrawal of something never given records nothing.
            if (!granted)
            {
                return null;
            }

            row = MemberConsent.Record(memberId, purpose, channel, true, source, now);
            db.MemberConsents.Add(row);
            current.Add(row);
        }
        else if (!row.Change(granted, source, now))
        {
            return null;
        }

        var change = ConsentChange.Of(row, actor);
        db.ConsentChanges.Add(change);
        return change;
    }
}

/// <summary>What an import did with one decision.</summary>
public enum ImportedConsent
{
    Applied,
    Unchanged,
    Stale,
}
