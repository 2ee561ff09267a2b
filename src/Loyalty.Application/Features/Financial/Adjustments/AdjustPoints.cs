using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Financial.Adjustments;

/// <summary>A manual correction by staff, with a reason, audited. A debit never takes the balance below zero.</summary>
public sealed record AdjustPointsCommand(string Actor, Guid MemberId, CreateAdjustmentRequest Request) : ICommand<AdjustmentResponse>, ITransactionalCommand;

public sealed class AdjustPointsValidator : AbstractValidator<AdjustPointsCommand>
{
    public AdjustPointsValidator()
    {
        RuleFor(c => c.Request.Points).NotEqual(0).InclusiveBetween(-10_000_000, 10_000_000);
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
    }
}

public sealed class AdjustPointsHandler(ILoyaltyDbContext db, GoodwillPoints adjustments) : ICommandHandler<AdjustPointsCommand, AdjustmentResponse>
{
    public async ValueTask<AdjustmentResponse> Handle(AdjustPointsCommand command, CancellationToken cancellationToken)
    {
        var reason = command.Request.Reason.Trim();
        var posted = await adjustments.PostAsync(command.Actor, command.MemberId, command.Request.Points, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new AdjustmentResponse(posted.Entry.Id, command.MemberId, posted.Entry.Points, reason, posted.Available, posted.At);
    }
}
