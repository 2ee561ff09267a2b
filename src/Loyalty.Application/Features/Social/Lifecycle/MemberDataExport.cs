using System.Text.Json;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;
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

/// <summary>Staff export a member's data (a right-of-access request made at the desk); the export itself is audited.</summary>
public sealed record ExportMemberDataQuery(string Actor, Guid MemberId) : IQuery<MemberDataExport>;

public sealed class ExportMemberDataHandler(ILoyaltyDbContext db, MemberDataExporter exporter, AuditTrail audit) : IQueryHandler<ExportMemberDataQuery, MemberDataExport>
{
    public async ValueTask<MemberDataExport> Handle(ExportMemberDataQuery query, CancellationToken cancellationToken)
    {
        var export = await exporter.ExportAsync(query.MemberId, cancellationToken);
        audit.Record<object>(query.Actor, "member.exported", "member", query.MemberId, null, new { sections = export.Sections.Keys });
        await db.SaveChangesAsync(cancellationToken);
        return export;
    }
}

/// <summary>The member downloads their own data from the app.</summary>
public sealed record ExportMyDataQuery(string Subject) : IQuery<MemberDataExport>;

public sealed class ExportMyDataHandler(ILoyaltyDbContext db, MemberDataExporter exporter) : IQueryHandler<ExportMyDataQuery, MemberDataExport>
{
    public async ValueTask<MemberDataExport> Handle(ExportMyDataQuery query, CancellationToken cancellationToken)
    {
        var me = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        return await exporter.ExportAsync(me.Id, cancellationToken);
    }
}
