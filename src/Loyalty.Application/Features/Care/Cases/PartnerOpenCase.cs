using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// A till opens a case for a member at one of its partner's stores (channel till). Another partner's store is not
/// found; a receipt id names one of this partner's purchases of the member.
/// </summary>
public sealed record PartnerOpenCaseCommand(Guid PartnerId, string Actor, PartnerOpenCaseRequest Request) : ICommand<PartnerCaseResponse>, ITransactionalCommand;

public sealed class PartnerOpenCaseValidator : AbstractValidator<PartnerOpenCaseCommand>
{
    public PartnerOpenCaseValidator()
    {
        RuleFor(c => c.Request.MemberNumber).NotEmpty().MaximumLength(40);
        RuleFor(c => c.Request.StoreId).NotEmpty();
        RuleFor(c => c.Request.Category).IsInEnum();
        RuleFor(c => c.Request.Severity).IsInEnum();
        CaseRules.Title(RuleFor(c => c.Request.Title));
        CaseRules.Text(RuleFor(c => c.Request.Description));
        RuleFor(c => c.Request.PurchaseExternalId).MaximumLength(100);
    }
}

public sealed class PartnerOpenCaseHandler(ILoyaltyDbContext db, CaseOpening opening) : ICommandHandler<PartnerOpenCaseCommand, PartnerCaseResponse>
{
    public async ValueTask<PartnerCaseResponse> Handle(PartnerOpenCaseCommand command, CancellationToken cancellationToken)
    {
        var r = command.Request;
        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, r.StoreId, cancellationToken);
        var (member, _) = await MemberLookup.FindWithTierByNumberAsync(db, r.MemberNumber, cancellationToken);
        Guid? purchaseId = null;
        if (!string.IsNullOrWhiteSpace(r.PurchaseExternalId))
        {
            purchaseId = await db.Purchases.AsNoTracking()
                             .Where(p => p.PartnerId == command.PartnerId && p.ExternalId == r.PurchaseExternalId && p.MemberId == member.Id)
                             .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken)
                         ?? throw AppException.NotFound(ErrorCodes.CasePurchaseNotFound, "The member has no purchase with this receipt id at your stores.");
        }

        var (serviceCase, _) = await opening.OpenAsync(member,
            new CaseDraft(WireValue.Of<Domain.Care.Cases.CaseCategory>(r.Category), Domain.Care.Cases.CaseChannel.Till, WireValue.Of<Domain.Care.Cases.CaseSeverity>(r.Severity),
                r.Title, r.Description, purchaseId, store.Id, store.PartnerId, null),
            command.Actor, cancellationToken);
        return new PartnerCaseResponse(serviceCase.Id, member.MemberNumber, store.Id, WireValue.Of<Contracts.Common.CaseStatus>(serviceCase.Status),
            serviceCase.OpenedAt, serviceCase.ServiceLevelDueAt, serviceCase.NextStep, serviceCase.NextStepDueAt);
    }
}
