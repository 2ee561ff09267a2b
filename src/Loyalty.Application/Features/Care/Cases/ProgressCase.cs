using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// The owner records what was done on the current step (the member reads the note) and sets the next step with its
/// due time. The first one is the case's first response, measured against the service level.
/// </summary>
public sealed record ProgressCaseCommand(StaffCaller Caller, Guid MemberId, Guid CaseId, ProgressCaseRequest Request) : ICommand<CaseResponse>, ITransactionalCommand;

public sealed class ProgressCaseValidator : AbstractValidator<ProgressCaseCommand>
{
    public ProgressCaseValidator()
    {
        CaseRules.Text(RuleFor(c => c.Request.Note));
        CaseRules.Text(RuleFor(c => c.Request.NextStep));
    }
}

public sealed class ProgressCaseHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ProgressCaseCommand, CaseResponse>
{
    public async ValueTask<CaseResponse> Handle(ProgressCaseCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var serviceCase = await CaseMapping.FindAsync(db, command.MemberId, command.CaseId, cancellationToken);
        var now = clock.GetUtcNow();
        var current = await db.CaseSteps.SingleAsync(s => s.CaseId == serviceCase.Id && s.Number == serviceCase.StepNumber, cancellationToken);
        var next = serviceCase.Progress(command.Request.NextStep, command.Request.NextStepDueAt, command.Caller.Actor, now);
        current.Complete(command.Request.Note, command.Caller.Actor, now);
        db.CaseSteps.Add(next);
        audit.Record<object>(command.Caller.Actor, "case.step_recorded", "case", serviceCase.Id,
            new { step = current.Number, text = current.Text },
            new { step = next.Number, nextStep = next.Text, dueAt = next.DueAt, note = current.Note, firstResponseAt = serviceCase.FirstResponseAt });
        await db.SaveChangesAsync(cancellationToken);
        return await CaseMapping.StaffResponseAsync(db, serviceCase, now, cancellationToken);
    }
}
