using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

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
