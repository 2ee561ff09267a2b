namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>Treatment and control sizes of a materialised audience.</summary>
public sealed record OfferAudienceSize(int Treatment, int Control);

/// <summary>
/// Materialises a draft offer's audience in the database, set-based: one assignment row per targeted member (named,
/// or in the segment now) who may receive marketing (active, with marketing consent on any channel), then a random <c>controlShare</c> of them (rounded) moved to the control group. Runs in the
/// caller's transaction; the groups are stored, so they never change afterwards.
/// </summary>
public interface IOfferAudience
{
    Task<OfferAudienceSize> MaterialiseAsync(Guid offerId, Guid? segmentId, decimal controlShare, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Spend (in ten-thousandths of the currency, exact everywhere) and visits of one group of an offer's audience in a window.</summary>
public sealed class OfferGroupActivity
{
    public string Group { get; init; } = "";

    public long SpendUnits { get; init; }

    public long Visits { get; init; }
}

/// <summary>The report's purchase sums, set-based: per group, the members' purchases in the window, in one currency, net of returns.</summary>
public interface IOfferReportSums
{
    Task<IReadOnlyList<OfferGroupActivity>> ActivityAsync(Guid offerId, DateTimeOffset from, DateTimeOffset to, string currency, CancellationToken cancellationToken);
}
