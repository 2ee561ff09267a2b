using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Transfers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Transfers;

/// <summary>
/// The sender confirms: the points leave the sender's oldest lots and arrive as lots with the same expiry dates, so
/// passing points back and forth never makes them last longer. Limits are enforced here, under the sender's lock.
/// </summary>
public sealed record ConfirmTransferCommand(string Subject, Guid TransferId) : ICommand<TransferResponse>, ITransactionalCommand;

public sealed class ConfirmTransferHandler(ILoyaltyDbContext db, PointsLedger ledger, PointsPolicyCache policies, EventOutbox outbox, TimeProvider clock)
    : ICommandHandler<ConfirmTransferCommand, TransferResponse>
{
    public async ValueTask<TransferResponse> Handle(ConfirmTransferCommand command, CancellationToken cancellationToken)
    {
        var sender = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        var found = await Transfers.FindOwnAsync(db, sender.Id, command.TransferId, tracked: false, cancellationToken);

        // Both accounts, always in member-id order: A→B and B→A confirmed at once then queue instead of deadlocking.
        foreach (var memberId in new[] { found.FromMemberId, found.ToMemberId }.Order())
        {
            await ledger.LockAccountAsync(memberId, cancellationToken);
        }

        var transfer = await Transfers.FindOwnAsync(db, sender.Id, command.TransferId, tracked: true, cancellationToken);
        var now = clock.GetUtcNow();
        if (transfer.CheckOpen(now) is { } refusal)
        {
            throw AppException.Conflict(refusal.Code, refusal.Message);
        }

        var parties = await db.Members.AsNoTracking().Where(m => m.Id == transfer.FromMemberId || m.Id == transfer.ToMemberId).ToDictionaryAsync(m => m.Id, cancellationToken);
        var (from, to) = (parties[transfer.FromMemberId], parties[transfer.ToMemberId]);
        from.EnsureCanTransact();
        Transfers.EnsureCanReceive(to.Status);
        var policy = await policies.GetAsync(db, cancellationToken);
        PointsTransfer.EnsureWithinLimits(transfer.Points, policy.TransferMaxPoints, policy.TransferMaxPointsPerMonth, await Transfers.SentThisMonthAsync(db, from.Id, now, cancellationToken));

        transfer.Complete(now);
        var references = new LedgerReferences(ReferenceId: transfer.Id);
        // One event per member, so each member's own event stream stays complete and in order.
        outbox.Add(new PointsTransferredV1(transfer.Id, TransferDirection.Out, -transfer.Points, to.MemberNumber, now), from.Id, null);
        outbox.Add(new PointsTransferredV1(transfer.Id, TransferDirection.In, transfer.Points, from.MemberNumber, now), to.Id, null);
        var taken = await ledger.TryDebitAsync(LedgerEntry.Create(from.Id, LedgerEntryType.TransferOut, -transfer.Points, $"Transfer to {to.DisplayName}", now, references), trackAs: transfer.Id, cancellationToken)
            ?? throw Transfers.InsufficientPoints(transfer.Points);
        await ledger.CreditLotsAsync(LedgerEntry.Create(to.Id, LedgerEntryType.TransferIn, transfer.Points, $"Transfer from {from.DisplayName}", now, references), taken.Portions, cancellationToken);
        return Transfers.Outgoing(transfer, to, now);
    }
}
