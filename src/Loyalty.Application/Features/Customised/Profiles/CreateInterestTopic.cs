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

public sealed record CreateInterestTopicCommand(string Actor, CreateInterestTopicRequest Request) : ICommand<InterestTopicResponse>, ITransactionalCommand;

public sealed class CreateInterestTopicValidator : AbstractValidator<CreateInterestTopicCommand>
{
    public CreateInterestTopicValidator()
    {
        RuleFor(c => c.Request.Code).NotEmpty().MaximumLength(50).Matches(InterestTopics.CodePattern).WithMessage("code may hold letters, digits, '-' and '_' only.");
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(100);
    }
}

public sealed class CreateInterestTopicHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateInterestTopicCommand, InterestTopicResponse>
{
    public async ValueTask<InterestTopicResponse> Handle(CreateInterestTopicCommand command, CancellationToken cancellationToken)
    {
        var code = InterestTopic.NormalizeCode(command.Request.Code);
        if (await db.InterestTopics.AnyAsync(t => t.Code == code, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.TopicCodeTaken, $"An interest topic with the code '{code}' already exists.");
        }

        var topic = InterestTopic.Create(code, command.Request.Name, clock.GetUtcNow());
        db.InterestTopics.Add(topic);
        var response = new InterestTopicResponse(topic.Id, topic.Code, topic.Name, topic.Active, 0, topic.CreatedAt);
        audit.Record<InterestTopicResponse>(command.Actor, "interest_topic.created", "interest_topic", topic.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
