using System.Text.Json;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Member;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>
/// Everything the club holds about a member, as one JSON document: one property per <see cref="IMemberDataSection"/>.
/// Not capped or paged: a right-of-access request gets all of it (a member with 10,000 ledger entries gives a few MB).
/// </summary>
public sealed class MemberDataExporter(ILoyaltyDbContext db, IEnumerable<IMemberDataSection> sections, TimeProvider clock)
{
    public async Task<MemberDataExport> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var number = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLifecycle.NotFound();
        var exported = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            exported[section.Name] = JsonSerializer.SerializeToElement(await section.ExportAsync(memberId, cancellationToken), Json.Options);
        }

        // Duplicates merged into this member hold the same person's earlier data: included, one level each.
        var mergedIds = await db.Members.AsNoTracking().Where(m => m.MergedIntoMemberId == memberId).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        var merged = new List<MemberDataExport>();
        foreach (var id in mergedIds)
        {
            merged.Add(await ExportAsync(id, cancellationToken));
        }

        return new MemberDataExport(memberId, number, clock.GetUtcNow(), exported, merged);
    }
}
