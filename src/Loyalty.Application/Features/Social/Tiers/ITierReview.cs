namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// The review run's set-based statements (provider SQL in Infrastructure), on the context they were resolved with:
/// a batch's statements run inside the transaction the handler opened on that context.
/// </summary>
public interface ITierReview
{
    /// <summary>Ranges of about <paramref name="size"/> members due for review at <paramref name="now"/>, in the database's order of ids.</summary>
    Task<List<(Guid? From, Guid To)>> DueBatchesAsync(TierSchemeSnapshot scheme, DateTimeOffset now, int size, CancellationToken cancellationToken);

    /// <summary>Reviews the due members in (from, to]: downgrades (as tier moves), grace, next reviews. Returns the members reviewed.</summary>
    Task<int> ReviewBatchAsync(TierSchemeSnapshot scheme, DateTimeOffset now, Guid? from, Guid to, CancellationToken cancellationToken);
}
