using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Transfers;

/// <summary>The sender calls a transfer off before confirming it; no points had moved.</summary>
public sealed record CancelTransferCommand(string Subject, Guid TransferId) : ICommand<TransferResponse>, ITransactionalCommand;

public sealed class CancelTransferHandler(ILoyaltyDbContext db, PointsLedger ledger, TimeProvider clock) : ICommandHandler<CancelTransferCommand, TransferResponse>
{
    public async ValueTask<TransferResponse> Handle(CancelTransferCommand command, CancellationToken cancellationToken)
    {
        var sender = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        await ledger.LockAccountAsync(sender.Id, cancellationToken); // a confirmation of the same transfer holds it too
        var transfer = await Transfers.FindOwnAsync(db, sender.Id, command.TransferId, tracked: true, cancellationToken);
        var now = clock.GetUtcNow();
        if (transfer.CheckOpen(now) is { } refusal)
        {
            throw AppException.Conflict(refusal.Code, refusal.Message);
        }

        transfer.Cancel(now);
        await db.SaveChangesAsync(cancellationToken);
        var to = await db.Members.AsNoTracking().SingleAsync(m => m.Id == transfer.ToMemberId, cancellationToken);
        return Transfers.Outgoing(transfer, to, now);
    }
}
