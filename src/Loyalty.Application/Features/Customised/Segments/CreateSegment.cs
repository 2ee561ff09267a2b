using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Segments;
using Mediator;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>Saves a segment; its members are computed by the next refresh (on demand or the scheduled job).</summary>
public sealed record CreateSegmentCommand(string Actor, SegmentRequest Request) : ICommand<SegmentResponse>, ITransactionalCommand;

public sealed class CreateSegmentValidator : AbstractValidator<CreateSegmentCommand>
{
    public CreateSegmentValidator(IEnumerable<ISegmentScore> scores) =>
        RuleFor(c => c.Request).Custom((request, context) =>
        {
            foreach (var failure in SegmentDefinitions.RequestProblems(request, scores))
            {
                context.AddFailure(failure);
            }
        });
}

public sealed class CreateSegmentHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateSegmentCommand, SegmentResponse>
{
    public async ValueTask<SegmentResponse> Handle(CreateSegmentCommand command, CancellationToken cancellationToken)
    {
        var definition = SegmentDefinitions.ToDomain(command.Request.Definition);
        await SegmentDefinitions.EnsureReferencesExistAsync(db, definition, "definition", cancellationToken);
        var segment = Segment.Create(command.Request.Name, command.Request.Description, definition, clock.GetUtcNow());
        db.Segments.Add(segment);
        var response = SegmentDefinitions.ToResponse(segment);
        audit.Record<SegmentResponse>(command.Actor, "segment.created", "segment", segment.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
