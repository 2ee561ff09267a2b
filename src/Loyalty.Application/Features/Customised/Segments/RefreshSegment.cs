using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>Refreshes one segment now (see <see cref="ISegmentMembership.RefreshAsync"/>), in one transaction.</summary>
public sealed record RefreshSegmentCommand(Guid SegmentId) : ICommand<SegmentRefreshResponse>, ITransactionalCommand;

public sealed class RefreshSegmentHandler(ILoyaltyDbContext db, ISegmentMembership membership, TimeProvider clock) : ICommandHandler<RefreshSegmentCommand, SegmentRefreshResponse>
{
    public async ValueTask<SegmentRefreshResponse> Handle(RefreshSegmentCommand command, CancellationToken cancellationToken)
    {
        var segment = await SegmentDefinitions.FindAsync(db, command.SegmentId, cancellationToken);
        if (segment.IsArchived)
        {
            throw AppException.Conflict(ErrorCodes.SegmentArchived, "An archived segment is no longer refreshed.");
        }

        var now = clock.GetUtcNow();
        var counts = await membership.RefreshAsync(segment, now, cancellationToken);
        return new SegmentRefreshResponse(segment.Id, counts.Entered, counts.Left, counts.Members, now);
    }
}
