using Loyalty.Domain.Financial.Ledger;

namespace Loyalty.Domain.Financial.Reporting;

/// <summary>
/// Ledger movements summed by what they mean for the programme's liability. Each amount is the sum of
/// <c>Points + PendingPoints</c> of the entries of its types, signed so that issued, redeemed, expired and
/// reversed are positive:
/// issued = Earn + Bonus (pending earns included), redeemed = Redeem, expired = Expire, reversed = Reverse,
/// adjusted = Adjust (signed), held = Hold + Release (points moved out of the balance into till holds; signed),
/// transferred = TransferIn + TransferOut + MergeIn + MergeOut (signed), forfeited = Forfeit (points given up on closing).
/// Confirm moves pending points to available and nets to zero.
/// So <see cref="Net"/> = issued − redeemed − expired − reversed + adjusted − held + transferred − forfeited, which is exactly the
/// change of available + pending over the same entries.
/// </summary>
public sealed record LedgerMovements(long Issued, long Redeemed, long Expired, long Reversed, long Adjusted, long Held, long Transferred, long Forfeited = 0)
{
    public static readonly LedgerMovements None = new(0, 0, 0, 0, 0, 0, 0);

    public long Net => Issued - Redeemed - Expired - Reversed + Adjusted - Held + Transferred - Forfeited;

    /// <summary>Expired ÷ issued, to four decimals; null when nothing was issued.</summary>
    public decimal? BreakageRate => Issued <= 0 ? null : Math.Round((decimal)Expired / Issued, 4, MidpointRounding.AwayFromZero);

    /// <summary>Adds up per-type sums of <c>Points + PendingPoints</c>.</summary>
    public static LedgerMovements From(IEnumerable<(LedgerEntryType Type, long Points)> sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        long issued = 0, redeemed = 0, expired = 0, reversed = 0, adjusted = 0, held = 0, transferred = 0, forfeited = 0;
        foreach (var (type, points) in sums)
        {
            switch (type)
            {
                case LedgerEntryType.Earn or LedgerEntryType.Bonus:
                    issued += points;
                    break;
                case LedgerEntryType.Redeem:
                    redeemed -= points;
                    break;
                case LedgerEntryType.Expire:
                    expired -= points;
                    break;
                case LedgerEntryType.Reverse:
                    reversed -= points;
                    break;
                case LedgerEntryType.Adjust:
                    adjusted += points;
                    break;
                case LedgerEntryType.Hold or LedgerEntryType.Release:
                    held -= points;
                    break;
                case LedgerEntryType.TransferIn or LedgerEntryType.TransferOut or LedgerEntryType.MergeIn or LedgerEntryType.MergeOut:
                    transferred += points;
                    break;
                case LedgerEntryType.Forfeit:
                    forfeited -= points;
                    break;
                case LedgerEntryType.Confirm:
                    break; // pending → available: no change of available + pending
                default:
                    throw new InvalidOperationException($"Ledger entry type {type} has no liability category.");
            }
        }

        return new LedgerMovements(issued, redeemed, expired, reversed, adjusted, held, transferred, forfeited);
    }
}

/// <summary>Points that expire on one day (UTC), and the first instant on that day any of them expire.</summary>
public sealed record ExpiryDay(DateOnly Date, long Points, DateTimeOffset ExpiresAt)
{
    /// <summary>The day an instant's points count towards: its UTC date.</summary>
    public static DateOnly DateOf(DateTimeOffset expiresAt) => DateOnly.FromDateTime(expiresAt.UtcDateTime);

    /// <summary>Groups lots' remaining points by the UTC day they expire, earliest first.</summary>
    public static IReadOnlyList<ExpiryDay> Group(IEnumerable<(DateTimeOffset ExpiresAt, long Points)> lots)
    {
        ArgumentNullException.ThrowIfNull(lots);
        return lots
            .Where(l => l.Points > 0)
            .GroupBy(l => DateOf(l.ExpiresAt))
            .OrderBy(g => g.Key)
            .Select(g => new ExpiryDay(g.Key, g.Sum(l => l.Points), g.Min(l => l.ExpiresAt.ToUniversalTime())))
            .ToList();
    }
}
