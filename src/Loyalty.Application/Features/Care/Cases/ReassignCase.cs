using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>Hands an open case to another staff user (token subject); the follow-up prompts go to them from then on.</summary>
public sealed record ReassignCaseCommand(StaffCaller Caller, Guid MemberId, Guid CaseId, ReassignCaseRequest Request) : ICommand<CaseResponse>, ITransactionalCommand;

public sealed class ReassignCaseValidator : AbstractValidator<ReassignCaseCommand>
{
    public ReassignCaseValidator() => RuleFor(c => c.Request.Owner).NotEmpty().MaximumLength(200);
}

public sealed class ReassignCaseHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReassignCaseCommand, CaseResponse>
{
    public async ValueTask<CaseResponse> Handle(ReassignCaseCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var serviceCase = await CaseMapping.FindAsync(db, command.MemberId, command.CaseId, cancellationToken);
        var before = serviceCase.Owner;
        serviceCase.Reassign(command.Request.Owner.Trim());
        audit.Record<object>(command.Caller.Actor, "case.reassigned", "case", serviceCase.Id, new { owner = before }, new { owner = serviceCase.Owner });
        await db.SaveChangesAsync(cancellationToken);
        return await CaseMapping.StaffResponseAsync(db, serviceCase, clock.GetUtcNow(), cancellationToken);
    }
}
