using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Sets a household's members and head (PUT): members left out leave it. Audited.</summary>
public sealed record ReplaceHouseholdCommand(string Actor, Guid HouseholdId, HouseholdRequest Request) : ICommand<HouseholdResponse>, ITransactionalCommand;

public sealed class ReplaceHouseholdValidator : AbstractValidator<ReplaceHouseholdCommand>
{
    public ReplaceHouseholdValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new HouseholdRequestValidator());
}

public sealed class ReplaceHouseholdHandler(ILoyaltyDbContext db, HouseholdComposer composer, AuditTrail audit) : ICommandHandler<ReplaceHouseholdCommand, HouseholdResponse>
{
    public async ValueTask<HouseholdResponse> Handle(ReplaceHouseholdCommand command, CancellationToken cancellationToken)
    {
        var household = await HouseholdComposer.FindAsync(db, command.HouseholdId, cancellationToken);
        if (await db.Households.AnyAsync(h => h.HeadMemberId == command.Request.HeadMemberId && h.Id != household.Id, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.MemberInHousehold, "This member already heads another household.");
        }

        var before = await HouseholdComposer.ResponseAsync(db, household, cancellationToken);
        household.ChangeHead(command.Request.HeadMemberId);
        await composer.ComposeAsync(household, command.Request.MemberIds, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var after = await HouseholdComposer.ResponseAsync(db, household, cancellationToken);
        audit.Record(command.Actor, "household.updated", "household", household.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
