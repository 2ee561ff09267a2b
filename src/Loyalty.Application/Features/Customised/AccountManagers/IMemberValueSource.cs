namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// An unassigned member ranked for assignment. Score: four times the value of <see cref="Domain.Customised.AccountManagers.MemberValue.Score"/> in ten-thousandths of the spend currency: whole numbers, exact to page by.
/// </summary>
public sealed record RankedMember(Guid MemberId, long NetSpendTenThousandths, int TierRank, long Score);

/// <summary>
/// Ranks members without an account manager, highest value first. Today's implementation (Infrastructure, set-based
/// SQL) uses 12 months' net spend and tier rank (<see cref="Domain.Customised.AccountManagers.MemberValue"/>); insight
/// work replaces it with its value score by registering another implementation.
/// </summary>
public interface IMemberValueSource
{
    /// <summary>
    /// Active, unassigned members by score, then tier rank (both descending), then id, after the last row seen.
    /// </summary>
    Task<IReadOnlyList<RankedMember>> RankUnassignedAsync(string currency, DateTimeOffset since, (long Score, int TierRank, Guid MemberId)? after, int take, CancellationToken cancellationToken);
}
