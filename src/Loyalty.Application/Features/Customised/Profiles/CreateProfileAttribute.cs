using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Defines an optional member attribute; its code and type never change (values are checked against the type).</summary>
public sealed record CreateProfileAttributeCommand(string Actor, CreateProfileAttributeRequest Request) : ICommand<ProfileAttributeResponse>, ITransactionalCommand;

public sealed class CreateProfileAttributeValidator : AbstractValidator<CreateProfileAttributeCommand>
{
    public CreateProfileAttributeValidator()
    {
        RuleFor(c => c.Request.Code).NotEmpty().MaximumLength(50).Matches(InterestTopics.CodePattern).WithMessage("code may hold letters, digits, '-' and '_' only.");
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Request.Type).IsInEnum();
        RuleFor(c => c.Request.Choices).Must(c => c is null || c.Count <= 50).WithMessage("At most 50 choices.");
        RuleForEach(c => c.Request.Choices).NotEmpty().MaximumLength(MemberAttributeValue.MaxLength);
    }
}

public sealed class CreateProfileAttributeHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateProfileAttributeCommand, ProfileAttributeResponse>
{
    public async ValueTask<ProfileAttributeResponse> Handle(CreateProfileAttributeCommand command, CancellationToken cancellationToken)
    {
        var r = command.Request;
        var code = InterestTopic.NormalizeCode(r.Code);
        if (await db.ProfileAttributeDefinitions.AnyAsync(d => d.Code == code, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.AttributeCodeTaken, $"A profile attribute with the code '{code}' already exists.");
        }

        var definition = ProfileAttributeDefinition.Create(code, r.Name, WireValue.Of<AttributeType>(r.Type), r.Choices, r.MemberEditable, clock.GetUtcNow());
        db.ProfileAttributeDefinitions.Add(definition);
        var response = ProfileAttributes.ToResponse(definition);
        audit.Record<ProfileAttributeResponse>(command.Actor, "profile_attribute.created", "profile_attribute", definition.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
