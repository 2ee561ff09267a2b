using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

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
