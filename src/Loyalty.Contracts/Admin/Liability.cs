namespace Loyalty.Contracts.Admin;

/// <summary>
/// What the programme owes its members, and how points moved. Balances are as of <c>asOf</c>; movements are for the
/// period <c>from</c>–<c>to</c> (whole UTC days, both included), per calendar month, in total, and over the ledger's
/// whole life. Values are points × the policy's point value.
/// </summary>
public sealed record LiabilityReportResponse(
    DateTimeOffset AsOf,
    DateOnly From,
    DateOnly To,
    decimal PointValue,
    string Currency,
    LiabilityBalance Outstanding,
    IReadOnlyList<TierLiability> ByTier,
    IReadOnlyList<ExpiryMonthLiability> ByExpiryMonth,
    IReadOnlyList<LiabilityMovements> Months,
    LiabilityMovements Period,
    LiabilityMovements Lifetime);

/// <summary>
/// Balances summed over members: points = available + pending + held (held points are owed until a capture redeems
/// them). A negative available balance (points a member owes after a return) counts against the total.
/// </summary>
public sealed record LiabilityBalance(int Members, long Available, long Pending, long Held, long Points, decimal Value);

public sealed record TierLiability(string Tier, int Rank, LiabilityBalance Balance);

/// <summary>Points left in lots by the UTC month they expire ('yyyy-MM', or 'never'); held points are not in lots.</summary>
public sealed record ExpiryMonthLiability(string Month, long Available, long Pending, long Points, decimal Value);

/// <summary>
/// Ledger movements (points and pending points) over a period ('yyyy-MM' for a month, 'period', or 'lifetime'):
/// issued = Earn + Bonus (pending earns included); redeemed = Redeem; expired = Expire; reversed = Reverse (returns);
/// adjusted = Adjust (signed); held = Hold + Release (points set aside by till holds, signed); transferred = transfers
/// in + out and member merges (signed); forfeited = points given up when memberships closed (listed last).
/// net = issued − redeemed − expired − reversed + adjusted − held + transferred − forfeited = the change of
/// available + pending; over the lifetime it equals outstanding available + pending. breakageRate = expired ÷ issued
/// (null when nothing was issued).
/// </summary>
public sealed record LiabilityMovements(
    string Period,
    long Issued,
    long Redeemed,
    long Expired,
    long Reversed,
    long Adjusted,
    long Held,
    long Transferred,
    long Net,
    decimal? BreakageRate,
    long Forfeited);
