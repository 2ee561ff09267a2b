namespace Loyalty.Application.Common;

/// <summary>
/// What is left of the ledger counters' own per-context tracking: the points are now tallied by the
/// <see cref="WriteTransaction"/> that writes them and reported when it commits, so an uncommitted one reports nothing
/// without being told. Kept only while <c>UnitOfWorkBehaviour</c> (another branch's file) still calls it; remove both
/// together.
/// </summary>
public static class LedgerTelemetry
{
    /// <summary>Nothing to do: the failed unit of work's transaction is disposed uncommitted and its tally with it.</summary>
    public static void Discard(object context) => ArgumentNullException.ThrowIfNull(context);
}
