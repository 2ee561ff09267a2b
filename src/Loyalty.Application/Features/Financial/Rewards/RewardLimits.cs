namespace Loyalty.Application.Features.Financial.Rewards;

internal static class RewardLimits
{
    public const int NameLength = 100;
    public const int DescriptionLength = 1000;
    public const long MaxPointsCost = 100_000_000;
    public const int MaxStock = 1_000_000_000;
    public const int MaxPerMemberLimit = 1000;
    public const string TierIdsMessage = "eligibleTierIds must be at most 50 distinct tier ids.";

    public static bool AreTierIds(IReadOnlyList<Guid> ids) => ids.Count <= 50 && !ids.Contains(Guid.Empty);
}
