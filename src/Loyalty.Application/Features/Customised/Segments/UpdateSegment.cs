using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>Replaces a segment's name and definition; the members follow at the next refresh.</summary>
public sealed record UpdateSegmentCommand(string Actor, Guid SegmentId, SegmentRequest Request) : ICommand<SegmentResponse>, ITransactionalCommand;

public sealed class UpdateSegmentValidator : AbstractValidator<UpdateSegmentCommand>
{
    public UpdateSegmentValidator(IEnumerable<ISegmentScore> scores) =>
        RuleFor(c => c.Request).Custom((request, context) =>
        {
            foreach (var failure in SegmentDefinitions.RequestProblems(request, scores))
            {
                context.AddFailure(failure);
            }
        });
}

public sealed class UpdateSegmentHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdateSegmentCommand, SegmentResponse>
{
    public async ValueTask<SegmentResponse> Handle(UpdateSegmentCommand command, CancellationToken cancellationToken)
    {
        var segment = await SegmentDefinitions.FindAsync(db, command.SegmentId, cancellationToken);
        if (segment.IsArchived)
        {
            throw AppException.Conflict(ErrorCodes.SegmentArchived, "The segment is archived and can no longer change.");
        }

        var definition = SegmentDefinitions.ToDomain(command.Request.Definition);
        await SegmentDefinitions.EnsureReferencesExistAsync(db, definition, "definition", cancellationToken);
        var before = SegmentDefinitions.ToResponse(segment);
        segment.Update(command.Request.Name, command.Request.Description, definition, clock.GetUtcNow());
        var after = SegmentDefinitions.ToResponse(segment);
        audit.Record(command.Actor, "segment.updated", "segment", segment.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
