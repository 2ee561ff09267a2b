using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Financial.Adjustments;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Care.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// Resolves a case with its outcome; goodwill points go to the member through the ledger's adjustment path
/// (<see cref="GoodwillPoints"/>: ledger entry, event, audit). A case resolves once: the status changes by a
/// conditional update, so two resolutions racing credit the points once and the loser is told the case is resolved.
/// </summary>
public sealed record ResolveCaseCommand(StaffCaller Caller, Guid MemberId, Guid CaseId, ResolveCaseRequest Request) : ICommand<CaseResponse>, ITransactionalCommand;

public sealed class ResolveCaseValidator : AbstractValidator<ResolveCaseCommand>
{
    public ResolveCaseValidator()
    {
        RuleFor(c => c.Request.Outcome).IsInEnum();
        CaseRules.Text(RuleFor(c => c.Request.Resolution));
        RuleFor(c => c.Request.GoodwillPoints).InclusiveBetween(0, ServiceCase.MaxGoodwillPoints);
    }
}

public sealed class ResolveCaseHandler(ILoyaltyDbContext db, GoodwillPoints goodwill, AuditTrail audit, EventOutbox outbox, TimeProvider clock) : ICommandHandler<ResolveCaseCommand, CaseResponse>
{
    public async ValueTask<CaseResponse> Handle(ResolveCaseCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var serviceCase = await CaseMapping.FindAsync(db, command.MemberId, command.CaseId, cancellationToken);
        if (serviceCase.Status != Domain.Care.Cases.CaseStatus.Open)
        {
            throw AlreadyResolved();
        }

        var now = clock.GetUtcNow();
        var r = command.Request;
        serviceCase.Resolve(WireValue.Of<Domain.Care.Cases.CaseOutcome>(r.Outcome), r.Resolution, r.GoodwillPoints, now);

        var claimed = await db.ServiceCases.Where(c => c.Id == serviceCase.Id && c.Status == Domain.Care.Cases.CaseStatus.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, Domain.Care.Cases.CaseStatus.Resolved), cancellationToken);
        if (claimed == 0)
        {
            throw AlreadyResolved(); // another resolution got there first
        }

        var step = await db.CaseSteps.SingleAsync(s => s.CaseId == serviceCase.Id && s.Number == serviceCase.StepNumber, cancellationToken);
        step.Complete(serviceCase.Resolution, command.Caller.Actor, now);
        if (r.GoodwillPoints > 0)
        {
            var posted = await goodwill.CreditAsync(command.Caller.Actor, serviceCase.MemberId, r.GoodwillPoints, $"Goodwill: case {serviceCase.Id:N} ({serviceCase.Title})", cancellationToken);
            serviceCase.LinkGoodwill(posted.Entry.Id);
        }

        var number = await db.Members.AsNoTracking().Where(m => m.Id == serviceCase.MemberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        outbox.Add(new CaseResolvedV1(serviceCase.Id, number, r.Outcome, serviceCase.GoodwillPoints, now), serviceCase.MemberId, serviceCase.PartnerId);
        audit.Record<object>(command.Caller.Actor, "case.resolved", "case", serviceCase.Id, new { status = "open" },
            new { status = "resolved", outcome = WireValue.Name(serviceCase.Outcome!.Value), goodwillPoints = serviceCase.GoodwillPoints, ledgerEntryId = serviceCase.GoodwillLedgerEntryId });
        await db.SaveChangesAsync(cancellationToken);
        return await CaseMapping.StaffResponseAsync(db, serviceCase, now, cancellationToken);
    }

    private static AppException AlreadyResolved() => AppException.Conflict(ErrorCodes.CaseResolved, "The case is resolved; nothing more can be done on it.");
}
