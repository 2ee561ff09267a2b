namespace Loyalty.Domain.Customised.AccountManagers;

/// <summary>
/// The value used to rank unassigned members for assignment, until insight work supplies a value score:
/// net spend in the last 12 months (purchases less returns, in the programme's spend currency) weighted by tier,
/// <c>score = netSpend × (4 + tierRank) / 4</c> — each rank above entry adds a quarter of the spend. A member who spent
/// nothing scores 0 whatever their tier; ties go to the higher tier.
/// </summary>
public static class MemberValue
{
    public static decimal Score(decimal netSpend, int tierRank) => Math.Max(0m, netSpend) * (4 + Math.Max(0, tierRank)) / 4m;
}
