using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Behaviours;

/// <summary>
/// Wraps a <see cref="ITransactionalCommand"/> in one database transaction: the balance update, its ledger entries
/// and anything else the handler writes commit together or not at all. The commit journal's mark is part of the
/// same transaction, so a retry can know whether these effects exist; when the request holds an idempotency key,
/// the journal takes the transaction over and commits it with the response (see <see cref="ICommitJournal"/>).
/// </summary>
/// <remarks>
/// Constrained to <see cref="ITransactionalCommand"/>: Mediator's source generator registers a behaviour only for the
/// messages that satisfy its constraints, so queries and other commands never create it, nor resolve the journal and
/// the write gate it needs (a balance read paid for both on every call).
/// </remarks>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(ILoyaltyDbContext db, ICommitJournal journal, IWriteGate writeGate) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, ITransactionalCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (WriteTransaction.IsOpen(db))
        {
            return await next(message, cancellationToken);
        }

        // On SQLite the write turn waits for the handler's first write, so its reads run beside other requests.
        WriteTransaction? transaction = await WriteTransaction.BeginUnitOfWorkAsync(db, writeGate, cancellationToken);

        // The unit of work commits or rolls back as a whole, so EF's savepoint around each SaveChanges inside it would
        // only cost two round trips (SAVEPOINT, RELEASE) per save.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            journal.Enlist(db);
            var response = await next(message, cancellationToken);
            if (journal.TryTakeOver(transaction))
            {
                transaction = null; // saved and committed by the journal, with the response
                return response;
            }

            await db.SaveChangesAsync(cancellationToken); // whatever the handler left unsaved, the journal's mark included
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }
}
