using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Partners;

public sealed record CreatePartnerCommand(string Actor, CreatePartnerRequest Request) : ICommand<PartnerResponse>, ITransactionalCommand;

public sealed class CreatePartnerValidator : AbstractValidator<CreatePartnerCommand>
{
    public CreatePartnerValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Request.ContactEmail).EmailAddress().MaximumLength(254).When(c => c.Request.ContactEmail is not null);
    }
}

public sealed class CreatePartnerHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreatePartnerCommand, PartnerResponse>
{
    public async ValueTask<PartnerResponse> Handle(CreatePartnerCommand command, CancellationToken cancellationToken)
    {
        var name = Names.Clean(command.Request.Name);
        if (await db.Partners.AnyAsync(p => p.Name == name, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.PartnerNameTaken, $"A partner named '{name}' already exists.");
        }

        var partner = Partner.Create(name, command.Request.ContactEmail, clock.GetUtcNow());
        db.Partners.Add(partner);
        var response = partner.ToResponse();
        audit.Record<PartnerResponse>(command.Actor, "partner.created", "partner", partner.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
