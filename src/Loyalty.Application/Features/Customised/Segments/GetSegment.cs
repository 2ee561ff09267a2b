using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

public sealed record GetSegmentQuery(Guid SegmentId) : IQuery<SegmentResponse>;

public sealed class GetSegmentHandler(ILoyaltyDbContext db) : IQueryHandler<GetSegmentQuery, SegmentResponse>
{
    public async ValueTask<SegmentResponse> Handle(GetSegmentQuery query, CancellationToken cancellationToken) =>
        SegmentDefinitions.ToResponse(await SegmentDefinitions.FindAsync(db, query.SegmentId, cancellationToken));
}
