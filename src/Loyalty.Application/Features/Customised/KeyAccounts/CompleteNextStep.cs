using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

/// <summary>Marks an interaction's next step done; doing it again changes nothing.</summary>
public sealed record CompleteNextStepCommand(StaffCaller Caller, Guid MemberId, Guid InteractionId) : ICommand<InteractionResponse>, ITransactionalCommand;

public sealed class CompleteNextStepHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CompleteNextStepCommand, InteractionResponse>
{
    public async ValueTask<InteractionResponse> Handle(CompleteNextStepCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var interaction = await db.KeyAccountInteractions.SingleOrDefaultAsync(i => i.Id == command.InteractionId && i.MemberId == command.MemberId, cancellationToken)
                          ?? throw AppException.NotFound(ErrorCodes.InteractionNotFound, "The key account has no interaction with this id.");
        var wasOpen = interaction.HasOpenNextStep;
        interaction.CompleteNextStep(clock.GetUtcNow());
        if (wasOpen)
        {
            audit.Record<object>(command.Caller.Actor, "key_account.next_step_completed", "member", command.MemberId, null, new { interactionId = interaction.Id });
        }

        await db.SaveChangesAsync(cancellationToken);
        return interaction.ToResponse();
    }
}
