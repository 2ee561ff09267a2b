using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Transfers;
using Mediator;

namespace Loyalty.Application.Features.Financial.Transfers;

/// <summary>
/// A member starts a transfer to another member. Nothing moves yet: the app shows who receives it and the member
/// confirms within 15 minutes. Limits and balance are checked now for a quick answer, and again at confirmation.
/// </summary>
public sealed record CreateTransferCommand(string Subject, CreateTransferRequest Request) : ICommand<TransferResponse>;

public sealed class CreateTransferValidator : AbstractValidator<CreateTransferCommand>
{
    public CreateTransferValidator()
    {
        RuleFor(c => c.Request.ToMemberNumber).MemberNumber();
        RuleFor(c => c.Request.Points).GreaterThan(0).LessThanOrEqualTo(100_000_000);
        RuleFor(c => c.Request.Message).MaximumLength(140);
    }
}

public sealed class CreateTransferHandler(ILoyaltyDbContext db, PointsLedger ledger, PointsPolicyCache policies, TimeProvider clock)
    : ICommandHandler<CreateTransferCommand, TransferResponse>
{
    public async ValueTask<TransferResponse> Handle(CreateTransferCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var sender = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        sender.EnsureCanTransact();
        var policy = await policies.GetAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        PointsTransfer.EnsureWithinLimits(request.Points, policy.TransferMaxPoints, policy.TransferMaxPointsPerMonth, await Transfers.SentThisMonthAsync(db, sender.Id, now, cancellationToken));

        var recipient = await MemberLookup.FindByNumberAsync(db, request.ToMemberNumber, cancellationToken);
        var transfer = PointsTransfer.Create(sender.Id, recipient.Id, request.Points, request.Message, now);
        Transfers.EnsureCanReceive(recipient.Status);
        if (await ledger.AvailableAsync(sender.Id, cancellationToken) < request.Points)
        {
            throw Transfers.InsufficientPoints(request.Points);
        }

        db.PointsTransfers.Add(transfer);
        await db.SaveChangesAsync(cancellationToken);
        return Transfers.Outgoing(transfer, recipient, now);
    }
}
