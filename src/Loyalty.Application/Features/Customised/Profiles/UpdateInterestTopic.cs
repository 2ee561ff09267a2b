using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Renames or retires (active false) a topic; the code never changes, so segments and offers keep working.</summary>
public sealed record UpdateInterestTopicCommand(string Actor, Guid TopicId, UpdateInterestTopicRequest Request) : ICommand<InterestTopicResponse>, ITransactionalCommand;

public sealed class UpdateInterestTopicValidator : AbstractValidator<UpdateInterestTopicCommand>
{
    public UpdateInterestTopicValidator() => RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(100);
}

public sealed class UpdateInterestTopicHandler(ILoyaltyDbContext db, AuditTrail audit) : ICommandHandler<UpdateInterestTopicCommand, InterestTopicResponse>
{
    public async ValueTask<InterestTopicResponse> Handle(UpdateInterestTopicCommand command, CancellationToken cancellationToken)
    {
        var topic = await InterestTopics.FindAsync(db, command.TopicId, cancellationToken);
        var before = await InterestTopics.ResponseAsync(db, topic, cancellationToken);
        topic.Update(command.Request.Name, command.Request.Active);
        var after = before with { Name = topic.Name, Active = topic.Active };
        audit.Record(command.Actor, "interest_topic.updated", "interest_topic", topic.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
