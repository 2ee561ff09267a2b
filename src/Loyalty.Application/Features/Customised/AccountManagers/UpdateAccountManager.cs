using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// Changes a manager's name, e-mail, capacity or activity. Lowering the capacity below the current portfolio is
/// allowed (nobody is moved) but no member is added until it fits again; deactivating keeps the portfolio for reassignment.
/// </summary>
public sealed record UpdateAccountManagerCommand(string Actor, Guid ManagerId, UpdateAccountManagerRequest Request) : ICommand<AccountManagerResponse>, ITransactionalCommand;

public sealed class UpdateAccountManagerValidator : AbstractValidator<UpdateAccountManagerCommand>
{
    public UpdateAccountManagerValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Request.Email).NotEmpty().MaximumLength(320).EmailAddress();
        RuleFor(c => c.Request.Capacity).InclusiveBetween(1, AccountManager.MaxCapacity);
    }
}

public sealed class UpdateAccountManagerHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdateAccountManagerCommand, AccountManagerResponse>
{
    public async ValueTask<AccountManagerResponse> Handle(UpdateAccountManagerCommand command, CancellationToken cancellationToken)
    {
        var manager = await Portfolio.FindManagerAsync(db, command.ManagerId, cancellationToken);
        var members = await db.PortfolioAssignments.CountAsync(a => a.ManagerId == manager.Id, cancellationToken);
        var before = manager.ToResponse(members);
        var r = command.Request;
        manager.Change(r.Name, r.Email, r.Capacity, r.Active, clock.GetUtcNow());
        var after = manager.ToResponse(members);
        audit.Record(command.Actor, "account_manager.updated", "account_manager", manager.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
