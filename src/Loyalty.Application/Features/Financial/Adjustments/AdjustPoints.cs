using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

public sealed class AdjustPointsHandler(ILoyaltyDbContext db, PointsLedger ledger, AuditTrail audit, EventOutbox outbox, TimeProvider clock) : ICommandHandler<AdjustPointsCommand, AdjustmentResponse>
{
    public async ValueTask<AdjustmentResponse> Handle(AdjustPointsCommand command, CancellationToken cancellationToken)
    {
        var before = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == command.MemberId).Select(a => (long?)a.Available).SingleOrDefaultAsync(cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");

        var now = clock.GetUtcNow();
        var reason = command.Request.Reason.Trim();
        var entry = LedgerEntry.Adjust(command.MemberId, command.Request.Points, reason, now, command.Actor);
        outbox.Add(new PointsAdjustedV1(entry.Points, reason, now), command.MemberId, null);
        var available = entry.Points > 0
            ? await ledger.CreditAsync(entry, cancellationToken)
            : await ledger.TryDebitAsync(entry, cancellationToken)
                ?? throw new DomainException(ErrorCodes.InsufficientPoints, "The member does not have enough points for this debit.");

        audit.Record<object>(command.Actor, "points.adjusted", "member", command.MemberId, new { availablePoints = before }, new { availablePoints = available, points = entry.Points, reason, ledgerEntryId = entry.Id });
        await db.SaveChangesAsync(cancellationToken);
        return new AdjustmentResponse(entry.Id, command.MemberId, entry.Points, reason, available, now);
    }
}
