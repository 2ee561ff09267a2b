namespace Loyalty.Application.Features.Financial.Expiry;

/// <summary>
/// The expiry run's set-based statements (provider SQL in Infrastructure), on the context they were resolved with:
/// a batch's statements run inside the transaction the handler opened on that context.
/// </summary>
public interface IPointsExpiry
{
    /// <summary>Ranges of about <paramref name="size"/> members (in the database's order of ids) that have lots expired at <paramref name="now"/>.</summary>
    Task<List<(Guid? From, Guid To)>> ExpiredBatchesAsync(DateTimeOffset now, int size, CancellationToken cancellationToken);

    /// <summary>Ranges of about <paramref name="size"/> members with lots expiring by <paramref name="horizon"/> and not yet noticed.</summary>
    Task<List<(Guid? From, Guid To)>> NoticeBatchesAsync(DateTimeOffset now, DateTimeOffset horizon, int size, CancellationToken cancellationToken);

    /// <summary>
    /// Expires the due lots of the members in (from, to]: entries, points.expired events, balances, lots; counts the
    /// entries' points on the batch's write transaction, reported when it commits. Returns the members.
    /// </summary>
    Task<int> ExpireBatchAsync(DateTimeOffset now, Guid run, Guid? from, Guid to, CancellationToken cancellationToken);

    /// <summary>Claims the expiring lots of the members in (from, to] and writes one points.expiring event per member and day.</summary>
    Task<int> NoticeBatchAsync(DateTimeOffset now, DateTimeOffset horizon, Guid? from, Guid to, CancellationToken cancellationToken);
}
