using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>An administrator registers a staff user (by the token subject) as an account manager.</summary>
public sealed record RegisterAccountManagerCommand(string Actor, RegisterAccountManagerRequest Request) : ICommand<AccountManagerResponse>, ITransactionalCommand;

public sealed class RegisterAccountManagerValidator : AbstractValidator<RegisterAccountManagerCommand>
{
    public RegisterAccountManagerValidator()
    {
        RuleFor(c => c.Request.Subject).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Request.Email).NotEmpty().MaximumLength(320).EmailAddress();
        RuleFor(c => c.Request.Capacity).InclusiveBetween(1, AccountManager.MaxCapacity);
    }
}

public sealed class RegisterAccountManagerHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<RegisterAccountManagerCommand, AccountManagerResponse>
{
    public async ValueTask<AccountManagerResponse> Handle(RegisterAccountManagerCommand command, CancellationToken cancellationToken)
    {
        var subject = command.Request.Subject.Trim();
        if (await db.AccountManagers.AnyAsync(m => m.Subject == subject, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.AccountManagerSubjectTaken, "This staff subject is already registered as an account manager.");
        }

        var r = command.Request;
        var manager = AccountManager.Register(subject, r.Name, r.Email, r.Capacity, clock.GetUtcNow());
        db.AccountManagers.Add(manager);
        var response = manager.ToResponse(0);
        audit.Record<AccountManagerResponse>(command.Actor, "account_manager.registered", "account_manager", manager.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
