using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

/// <summary>Logs a call, visit, e-mail or meeting with a key account: outcome, and the next step with its due date.</summary>
public sealed record RecordInteractionCommand(StaffCaller Caller, Guid MemberId, RecordInteractionRequest Request) : ICommand<InteractionResponse>, ITransactionalCommand;

public sealed class RecordInteractionValidator : AbstractValidator<RecordInteractionCommand>
{
    public RecordInteractionValidator()
    {
        RuleFor(c => c.Request.Kind).IsInEnum();
        RuleFor(c => c.Request.Summary).NotEmpty().MaximumLength(KeyAccountInteraction.MaxTextLength);
        RuleFor(c => c.Request.Outcome).MaximumLength(KeyAccountInteraction.MaxTextLength);
        RuleFor(c => c.Request.NextStep).MaximumLength(KeyAccountInteraction.MaxTextLength);
    }
}

public sealed class RecordInteractionHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<RecordInteractionCommand, InteractionResponse>
{
    public async ValueTask<InteractionResponse> Handle(RecordInteractionCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        await KeyAccountFiles.FindAsync(db, command.MemberId, cancellationToken);
        var r = command.Request;
        var interaction = KeyAccountInteraction.Record(
            command.MemberId, Enum.Parse<Domain.Customised.AccountManagers.InteractionKind>(r.Kind.ToString()), r.OccurredAt, r.Summary, r.Outcome, r.NextStep, r.NextStepDueAt,
            command.Caller.Actor, clock.GetUtcNow());
        db.KeyAccountInteractions.Add(interaction);
        audit.Record<object>(command.Caller.Actor, "key_account.interaction_recorded", "member", command.MemberId, null,
            new { interactionId = interaction.Id, kind = interaction.Kind.ToString(), interaction.NextStepDueAt });
        await db.SaveChangesAsync(cancellationToken);
        return interaction.ToResponse();
    }
}
