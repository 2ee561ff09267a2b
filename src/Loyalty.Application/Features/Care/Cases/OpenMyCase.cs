using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>The member opens a case from the app (channel app).</summary>
public sealed record OpenMyCaseCommand(string Subject, OpenMyCaseRequest Request) : ICommand<MyCaseResponse>, ITransactionalCommand;

public sealed class OpenMyCaseValidator : AbstractValidator<OpenMyCaseCommand>
{
    public OpenMyCaseValidator()
    {
        RuleFor(c => c.Request.Category).IsInEnum();
        RuleFor(c => c.Request.Severity).IsInEnum();
        CaseRules.Title(RuleFor(c => c.Request.Title));
        CaseRules.Text(RuleFor(c => c.Request.Description));
    }
}

public sealed class OpenMyCaseHandler(ILoyaltyDbContext db, CaseOpening opening) : ICommandHandler<OpenMyCaseCommand, MyCaseResponse>
{
    public async ValueTask<MyCaseResponse> Handle(OpenMyCaseCommand command, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        var r = command.Request;
        var (serviceCase, step) = await opening.OpenAsync(member,
            new CaseDraft(WireValue.Of<Domain.Care.Cases.CaseCategory>(r.Category), Domain.Care.Cases.CaseChannel.App, WireValue.Of<Domain.Care.Cases.CaseSeverity>(r.Severity),
                r.Title, r.Description, r.PurchaseId, r.StoreId, null, null),
            "member:" + command.Subject, cancellationToken);
        return serviceCase.ToMemberResponse([step]);
    }
}
