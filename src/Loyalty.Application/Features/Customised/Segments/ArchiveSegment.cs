using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>Stops refreshing a segment; its last members and history stay readable (offers may still name it).</summary>
public sealed record ArchiveSegmentCommand(string Actor, Guid SegmentId) : ICommand<SegmentResponse>, ITransactionalCommand;

public sealed class ArchiveSegmentHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ArchiveSegmentCommand, SegmentResponse>
{
    public async ValueTask<SegmentResponse> Handle(ArchiveSegmentCommand command, CancellationToken cancellationToken)
    {
        var segment = await SegmentDefinitions.FindAsync(db, command.SegmentId, cancellationToken);
        if (segment.IsArchived)
        {
            throw AppException.Conflict(ErrorCodes.SegmentArchived, "The segment is already archived.");
        }

        var before = SegmentDefinitions.ToResponse(segment);
        segment.Archive(clock.GetUtcNow());
        var after = SegmentDefinitions.ToResponse(segment);
        audit.Record(command.Actor, "segment.archived", "segment", segment.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
