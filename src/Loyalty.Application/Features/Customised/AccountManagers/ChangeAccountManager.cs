using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>Assigns, reassigns or releases one member (managerId null), with the reason kept in the history.</summary>
public sealed record ChangeAccountManagerCommand(string Actor, Guid MemberId, ChangeAccountManagerRequest Request) : ICommand<MemberAccountManagerResponse>, ITransactionalCommand;

public sealed class ChangeAccountManagerValidator : AbstractValidator<ChangeAccountManagerCommand>
{
    public ChangeAccountManagerValidator() => RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(AssignmentChange.MaxReasonLength);
}

public sealed class ChangeAccountManagerHandler(ILoyaltyDbContext db, Assignments assignments) : ICommandHandler<ChangeAccountManagerCommand, MemberAccountManagerResponse>
{
    public async ValueTask<MemberAccountManagerResponse> Handle(ChangeAccountManagerCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(m => m.Id == command.MemberId, cancellationToken))
        {
            throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
        }

        var manager = command.Request.ManagerId is { } id ? await Portfolio.FindManagerAsync(db, id, cancellationToken) : null;
        var result = await assignments.MoveAsync(command.Actor, [command.MemberId], manager, command.Request.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return result[0];
    }
}
