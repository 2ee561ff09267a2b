using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// Prompts a due step's owner: <c>case.follow_up_due</c> to the outbox. The step's prompt time is set by a conditional
/// update in the same transaction, so only the first of several runs (or instances) writes the event.
/// </summary>
public sealed record PromptCaseStepCommand(Guid StepId) : ICommand<bool>, ITransactionalCommand;

public sealed class PromptCaseStepHandler(ILoyaltyDbContext db, EventOutbox outbox, TimeProvider clock) : ICommandHandler<PromptCaseStepCommand, bool>
{
    public async ValueTask<bool> Handle(PromptCaseStepCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.CaseSteps.Where(s => s.Id == command.StepId && s.PromptedAt == null && s.CompletedAt == null && s.DueAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.PromptedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var due = await (from s in db.CaseSteps.AsNoTracking()
                         join c in db.ServiceCases.AsNoTracking() on s.CaseId equals c.Id
                         where s.Id == command.StepId
                         select new { c.Id, c.MemberId, c.PartnerId, c.Owner, s.Number, s.Text, s.DueAt }).SingleAsync(cancellationToken);
        outbox.Add(new CaseFollowUpDueV1(due.Id, due.Number, due.Text, due.DueAt, due.Owner, now), due.MemberId, due.PartnerId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
