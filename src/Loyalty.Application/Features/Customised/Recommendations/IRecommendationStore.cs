using Loyalty.Domain.Customised.Recommendations;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>
/// The refresh's set-based statements (provider SQL in Infrastructure), on the context they were resolved with: a
/// batch's replacement runs inside the transaction the handler opened on that context.
/// </summary>
public interface IRecommendationStore
{
    /// <summary>
    /// Counts the baskets bought since <paramref name="since"/> for the co-purchase table, in one pass over the
    /// year's lines on PostgreSQL (each basket's categories gathered once, then paired), with a long command timeout.
    /// </summary>
    Task<BasketCounts> CountBasketsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Ranges (from, to] of about <paramref name="size"/> active members each, in the database's order of ids.</summary>
    Task<List<(Guid? From, Guid To)>> ActiveMemberBatchesAsync(int size, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="rows"/> the stored recommendations of the members in (from, to]: a member of the range
    /// without rows keeps none. Bulk on PostgreSQL (binary COPY into a staging table, then one upsert and one delete).
    /// </summary>
    Task ReplaceAsync(Guid? from, Guid to, IReadOnlyList<MemberRecommendation> rows, CancellationToken cancellationToken);
}
