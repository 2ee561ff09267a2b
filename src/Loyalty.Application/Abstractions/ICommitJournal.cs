namespace Loyalty.Application.Abstractions;

/// <summary>
/// Records, inside the business transaction, that the current request's effects are committing. The idempotency
/// layer uses it to tell "the first attempt died before committing" (safe to run again) from "it committed but
/// its response was lost" (running it again would earn or spend twice).
/// </summary>
public interface ICommitJournal
{
    /// <summary>
    /// Adds the mark to the unit of work before the handler runs, so it is written in the same batch as the
    /// handler's own changes (no extra round trip) and commits or rolls back with them.
    /// </summary>
    void Enlist(ILoyaltyDbContext db);
}
