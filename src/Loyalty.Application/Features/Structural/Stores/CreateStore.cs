using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Stores;

public sealed record CreateStoreCommand(string Actor, Guid PartnerId, CreateStoreRequest Request) : ICommand<StoreResponse>, ITransactionalCommand;

public sealed class CreateStoreValidator : AbstractValidator<CreateStoreCommand>
{
    public CreateStoreValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Request.Code).NotEmpty().MaximumLength(50).Matches("^[A-Za-z0-9_-]+$").WithMessage("code may hold letters, digits, '-' and '_' only.");
        RuleFor(c => c.Request.City).MaximumLength(100);
    }
}

public sealed class CreateStoreHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateStoreCommand, StoreResponse>
{
    public async ValueTask<StoreResponse> Handle(CreateStoreCommand command, CancellationToken cancellationToken)
    {
        var partner = await PartnerLookup.FindAsync(db, command.PartnerId, cancellationToken);
        var code = command.Request.Code.Trim();
        if (await db.Stores.AnyAsync(s => s.PartnerId == partner.Id && s.Code == code, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.StoreCodeTaken, $"Partner already has a store with code '{code}'.");
        }

        var store = Store.Open(partner.Id, command.Request.Name, code, command.Request.City, clock.GetUtcNow());
        db.Stores.Add(store);
        var response = store.ToResponse();
        audit.Record<StoreResponse>(command.Actor, "store.created", "store", store.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
