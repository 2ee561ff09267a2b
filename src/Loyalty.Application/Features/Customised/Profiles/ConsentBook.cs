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
            var row = current.SingleOrDefault(c => c.Purpose == purpose && c.Channel == channel);
            if (row is null)
            {
                // No row already means "not granted": a withdrawal of something never given records nothing.
                if (!granted)
                {
                    continue;
                }

                row = MemberConsent.Record(memberId, purpose, channel, true, source, now);
                db.MemberConsents.Add(row);
                current.Add(row);
            }
            else if (!row.Change(granted, source, now))
            {
                continue;
            }

            var change = ConsentChange.Of(row, actor);
            db.ConsentChanges.Add(change);
            recorded.Add(change);
        }

        return recorded;
    }
}
