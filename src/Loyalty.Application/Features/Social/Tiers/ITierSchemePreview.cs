using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The scheme preview's count of members by (tier now, tier after), in provider SQL (Infrastructure).</summary>
public interface ITierSchemePreview
{
    /// <summary>
    /// Members who are not closed, counted by their tier now and the tier <paramref name="proposed"/> (ordered by
    /// rank, entry first) would give them at <paramref name="asOf"/>.
    /// </summary>
    Task<List<TierPreviewGroup>> CountMovesAsync(
        IReadOnlyList<Tier> existing, IReadOnlyList<(Guid Id, Tier Tier)> proposed, TierProgrammeSettings settings, DateTimeOffset asOf, CancellationToken cancellationToken);
}

/// <summary>How many members go from tier <see cref="Now"/> to tier <see cref="After"/>.</summary>
public sealed class TierPreviewGroup
{
    public Guid Now { get; set; }

    public Guid After { get; set; }

    public long Members { get; set; }
}
