using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Stores;

public sealed record UpdateStoreCommand(string Actor, Guid PartnerId, Guid StoreId, UpdateStoreRequest Request) : ICommand<StoreResponse>, ITransactionalCommand;

public sealed class UpdateStoreValidator : AbstractValidator<UpdateStoreCommand>
{
    public UpdateStoreValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200).When(c => c.Request.Name is not null);
        RuleFor(c => c.Request.City).MaximumLength(100);
    }
}

public sealed class UpdateStoreHandler(ILoyaltyDbContext db, AuditTrail audit) : ICommandHandler<UpdateStoreCommand, StoreResponse>
{
    public async ValueTask<StoreResponse> Handle(UpdateStoreCommand command, CancellationToken cancellationToken)
    {
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == command.StoreId && s.PartnerId == command.PartnerId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.StoreNotFound, "This partner has no store with this id.");
        var before = store.ToResponse();
        store.Update(command.Request.Name, command.Request.City, command.Request.IsActive);
        var after = store.ToResponse();
        audit.Record(command.Actor, "store.updated", "store", store.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
