using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Renames, changes the choices or retires an attribute. Values already stored stay as they are.</summary>
public sealed record UpdateProfileAttributeCommand(string Actor, Guid AttributeId, UpdateProfileAttributeRequest Request) : ICommand<ProfileAttributeResponse>, ITransactionalCommand;

public sealed class UpdateProfileAttributeValidator : AbstractValidator<UpdateProfileAttributeCommand>
{
    public UpdateProfileAttributeValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Request.Choices).Must(c => c is null || c.Count <= 50).WithMessage("At most 50 choices.");
        RuleForEach(c => c.Request.Choices).NotEmpty().MaximumLength(MemberAttributeValue.MaxLength);
    }
}

public sealed class UpdateProfileAttributeHandler(ILoyaltyDbContext db, AuditTrail audit) : ICommandHandler<UpdateProfileAttributeCommand, ProfileAttributeResponse>
{
    public async ValueTask<ProfileAttributeResponse> Handle(UpdateProfileAttributeCommand command, CancellationToken cancellationToken)
    {
        var definition = await ProfileAttributes.FindAsync(db, command.AttributeId, cancellationToken);
        var before = ProfileAttributes.ToResponse(definition);
        definition.Update(command.Request.Name, command.Request.Choices, command.Request.MemberEditable, command.Request.Active);
        var after = ProfileAttributes.ToResponse(definition);
        audit.Record(command.Actor, "profile_attribute.updated", "profile_attribute", definition.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
