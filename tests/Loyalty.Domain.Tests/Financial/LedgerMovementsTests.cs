using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Reporting;

namespace Loyalty.Domain.Tests.Financial;

public sealed class LedgerMovementsTests
{
    [Fact]
    public void Every_entry_type_lands_in_one_category_and_the_net_is_the_sum_of_all_entries()
    {
        (LedgerEntryType, long)[] sums =
        [
            (LedgerEntryType.Earn, 1_000), (LedgerEntryType.Bonus, 200), (LedgerEntryType.Redeem, -300), (LedgerEntryType.Hold, -50),
            (LedgerEntryType.Release, 20), (LedgerEntryType.Confirm, 0), (LedgerEntryType.Expire, -120), (LedgerEntryType.Adjust, -7),
            (LedgerEntryType.Reverse, -40), (LedgerEntryType.TransferOut, -15), (LedgerEntryType.TransferIn, 15),
            (LedgerEntryType.Forfeit, -25), (LedgerEntryType.MergeOut, -9), (LedgerEntryType.MergeIn, 9),
        ];
        Assert.Equal(Enum.GetValues<LedgerEntryType>().Order(), sums.Select(s => s.Item1).Order()); // no type forgotten

        var m = LedgerMovements.From(sums);

        Assert.Equal((1_200L, 300L, 120L, 40L, -7L, 30L, 0L, 25L), (m.Issued, m.Redeemed, m.Expired, m.Reversed, m.Adjusted, m.Held, m.Transferred, m.Forfeited));
        Assert.Equal(sums.Sum(s => s.Item2), m.Net);
        Assert.Equal(0.1m, m.BreakageRate);
    }

    [Fact]
    public void Breakage_is_unknown_when_nothing_was_issued_and_rounded_to_four_places_otherwise()
    {
        Assert.Null(LedgerMovements.None.BreakageRate);
        Assert.Equal(0.3333m, LedgerMovements.From([(LedgerEntryType.Earn, 3), (LedgerEntryType.Expire, -1)]).BreakageRate);
    }

    [Fact]
    public void Expiring_points_are_grouped_by_utc_day_with_the_first_instant_of_the_day()
    {
        var day = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var days = ExpiryDay.Group([(day.AddHours(15), 5), (day.AddHours(1), 10), (day.AddDays(1), 7), (day.AddHours(23), 0)]);

        Assert.Collection(
            days,
            d => Assert.Equal((new DateOnly(2027, 3, 1), 15L, day.AddHours(1)), (d.Date, d.Points, d.ExpiresAt)),
            d => Assert.Equal((new DateOnly(2027, 3, 2), 7L, day.AddDays(1)), (d.Date, d.Points, d.ExpiresAt)));
    }
}
