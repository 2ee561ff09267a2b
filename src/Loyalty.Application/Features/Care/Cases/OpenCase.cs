using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>Staff (or the member's account manager) open a case for a member, e.g. after a call or an e-mail.</summary>
public sealed record OpenCaseCommand(StaffCaller Caller, Guid MemberId, OpenCaseRequest Request) : ICommand<CaseResponse>, ITransactionalCommand;

public sealed class OpenCaseValidator : AbstractValidator<OpenCaseCommand>
{
    public OpenCaseValidator()
    {
        RuleFor(c => c.Request.Category).IsInEnum();
        RuleFor(c => c.Request.Channel).IsInEnum();
        RuleFor(c => c.Request.Severity).IsInEnum();
        CaseRules.Title(RuleFor(c => c.Request.Title));
        CaseRules.Text(RuleFor(c => c.Request.Description));
        RuleFor(c => c.Request.Owner).MaximumLength(200);
    }
}

public sealed class OpenCaseHandler(ILoyaltyDbContext db, CaseOpening opening, TimeProvider clock) : ICommandHandler<OpenCaseCommand, CaseResponse>
{
    public async ValueTask<CaseResponse> Handle(OpenCaseCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == command.MemberId, cancellationToken);
        var r = command.Request;
        var (serviceCase, step) = await opening.OpenAsync(member,
            new CaseDraft(WireValue.Of<Domain.Care.Cases.CaseCategory>(r.Category), WireValue.Of<Domain.Care.Cases.CaseChannel>(r.Channel), WireValue.Of<Domain.Care.Cases.CaseSeverity>(r.Severity),
                r.Title, r.Description, r.PurchaseId, r.StoreId, null, r.Owner),
            command.Caller.Actor, cancellationToken);
        return serviceCase.ToResponse(member.MemberNumber, [step], clock.GetUtcNow());
    }
}
