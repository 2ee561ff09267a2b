using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PartnerStatus = Loyalty.Domain.Structural.Partners.PartnerStatus;

namespace Loyalty.Application.Features.Structural.Partners;

public sealed record UpdatePartnerCommand(string Actor, Guid PartnerId, UpdatePartnerRequest Request) : ICommand<PartnerResponse>, ITransactionalCommand;

public sealed class UpdatePartnerValidator : AbstractValidator<UpdatePartnerCommand>
{
    public UpdatePartnerValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200).When(c => c.Request.Name is not null);
        RuleFor(c => c.Request.ContactEmail).EmailAddress().MaximumLength(254).When(c => !string.IsNullOrEmpty(c.Request.ContactEmail));
        RuleFor(c => c.Request.Status).IsInEnum().WithMessage("status must be one of: active, suspended.");
    }
}

public sealed class UpdatePartnerHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, ICredentialCache credentials) : ICommandHandler<UpdatePartnerCommand, PartnerResponse>
{
    public async ValueTask<PartnerResponse> Handle(UpdatePartnerCommand command, CancellationToken cancellationToken)
    {
        var partner = await PartnerLookup.FindAsync(db, command.PartnerId, cancellationToken);
        var before = partner.ToResponse();
        var request = command.Request;
        if (request.Name is not null && Names.Clean(request.Name) != partner.Name)
        {
            var name = Names.Clean(request.Name);
            if (await db.Partners.AnyAsync(p => p.Name == name && p.Id != partner.Id, cancellationToken))
            {
                throw AppException.Conflict(ErrorCodes.PartnerNameTaken, $"A partner named '{name}' already exists.");
            }

            partner.Rename(name);
        }

        if (request.ContactEmail is not null)
        {
            partner.ChangeContact(request.ContactEmail);
        }

        if (request.Status is not null)
        {
            partner.ChangeStatus(WireValue.Of<PartnerStatus>(request.Status.Value));
        }

        var after = partner.ToResponse();
        audit.Record(command.Actor, "partner.updated", "partner", partner.Id, before, after);
        generations.Touch(CacheArea.Credentials); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        credentials.Invalidate(); // a suspension takes effect at once
        return after;
    }
}
