using Loyalty.Application.Abstractions;
using Loyalty.Domain.Care.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// The follow-up job's work: prompts the owner of every open case whose current step has fallen due (once per
/// step) and escalates every case whose service level ran out without a first response (once per case). Each in its
/// own transaction, decided by a conditional update, so several instances running it at once prompt once.
/// </summary>
public sealed record FollowUpCasesCommand(int BatchSize = 200) : ICommand<int>;

public sealed class FollowUpCasesHandler(ILoyaltyDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<FollowUpCasesCommand, int>
{
    public async ValueTask<int> Handle(FollowUpCasesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var dueSteps = await (from s in db.CaseSteps.AsNoTracking()
                              join c in db.ServiceCases.AsNoTracking() on s.CaseId equals c.Id
                              where s.PromptedAt == null && s.CompletedAt == null && s.DueAt <= now && c.Status == CaseStatus.Open && s.Number == c.StepNumber
                              orderby s.DueAt, s.Id
                              select s.Id).Take(command.BatchSize).ToListAsync(cancellationToken);
        var breached = await db.ServiceCases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Open && c.EscalatedAt == null && c.FirstResponseAt == null && c.ServiceLevelDueAt < now)
            .OrderBy(c => c.ServiceLevelDueAt).ThenBy(c => c.Id)
            .Select(c => c.Id).Take(command.BatchSize).ToListAsync(cancellationToken);

        var handled = 0;
        foreach (var stepId in dueSteps)
        {
            db.ChangeTracker.Clear();
            handled += await sender.Send(new PromptCaseStepCommand(stepId), cancellationToken) ? 1 : 0;
        }

        foreach (var caseId in breached)
        {
            db.ChangeTracker.Clear();
            handled += await sender.Send(new EscalateCaseCommand(caseId), cancellationToken) ? 1 : 0;
        }

        return handled;
    }
}
