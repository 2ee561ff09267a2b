using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Links members living together into a household with a head (later used for pooling points). Audited.</summary>
public sealed record CreateHouseholdCommand(string Actor, HouseholdRequest Request) : ICommand<HouseholdResponse>, ITransactionalCommand;

public sealed class CreateHouseholdValidator : AbstractValidator<CreateHouseholdCommand>
{
    public CreateHouseholdValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new HouseholdRequestValidator());
}

public sealed class CreateHouseholdHandler(ILoyaltyDbContext db, HouseholdComposer composer, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateHouseholdCommand, HouseholdResponse>
{
    public async ValueTask<HouseholdResponse> Handle(CreateHouseholdCommand command, CancellationToken cancellationToken)
    {
        if (await db.Households.AnyAsync(h => h.HeadMemberId == command.Request.HeadMemberId, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.MemberInHousehold, "This member already heads a household.");
        }

        var household = Household.Found(command.Request.HeadMemberId, clock.GetUtcNow());
        db.Households.Add(household);
        await composer.ComposeAsync(household, command.Request.MemberIds, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var response = await HouseholdComposer.ResponseAsync(db, household, cancellationToken);
        audit.Record<HouseholdResponse>(command.Actor, "household.created", "household", household.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
