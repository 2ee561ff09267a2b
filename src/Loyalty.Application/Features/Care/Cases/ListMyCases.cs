using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>My cases, newest first, with their steps.</summary>
public sealed record ListMyCasesQuery(string Subject, int? Limit = null, string? Cursor = null) : IQuery<Page<MyCaseResponse>>;

public sealed class ListMyCasesHandler(ILoyaltyDbContext db) : IQueryHandler<ListMyCasesQuery, Page<MyCaseResponse>>
{
    public async ValueTask<Page<MyCaseResponse>> Handle(ListMyCasesQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var cases = db.ServiceCases.AsNoTracking().Where(c => c.MemberId == member.Id);
        if (Paging.DecodeTime(query.Cursor) is var (at, id))
        {
            cases = cases.Where(c => c.OpenedAt < at || (c.OpenedAt == at && c.Id.CompareTo(id) < 0));
        }

        var rows = await cases.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var steps = await CaseMapping.StepsAsync(db, rows.Select(c => c.Id).ToList(), cancellationToken);
        return Paging.ToPage(rows.Select(c => c.ToMemberResponse(steps[c.Id])).ToList(), limit, c => Paging.TimeKey(c.OpenedAt, c.Id));
    }
}
