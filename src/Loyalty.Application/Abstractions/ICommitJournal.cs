using Loyalty.Application.Common;

namespace Loyalty.Application.Abstractions;

/// <summary>
/// Records, inside the business transaction, that the current request's effects are committing. The idempotency
/// layer uses it to tell "the first attempt died before committing" (safe to run again) from "it committed", and
/// to commit the request's response together with its effects, so a retry can always be answered.
/// </summary>
public interface ICommitJournal
{
    /// <summary>
    /// Adds the mark to the unit of work before the handler runs, so it is written in the same batch as the
    /// handler's own changes (no extra round trip) and commits or rolls back with them.
    /// </summary>
    void Enlist(ILoyaltyDbContext db);

    /// <summary>
    /// Offers the open unit of work once its handler has succeeded. True: the journal owns it now and saves and
    /// commits it later, with the response the request is about to send in the same batch. False: the caller
    /// saves and commits at once.
    /// </summary>
    bool TryTakeOver(WriteTransaction transaction);
}
