using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Reporting;

namespace Loyalty.Domain.Tests.Social.Members;

public sealed class LifecycleLedgerMovementsTests
{
    [Fact]
    public void Forfeits_count_as_forfeited_and_merges_as_transfers_that_net_to_zero()
    {
        var m = LedgerMovements.From([
            (LedgerEntryType.Earn, 100),
            (LedgerEntryType.MergeOut, -60),
            (LedgerEntryType.MergeIn, 60),
            (LedgerEntryType.Forfeit, -70),
        ]);

        Assert.Equal((100L, 0L, 70L), (m.Issued, m.Transferred, m.Forfeited));
        Assert.Equal(30, m.Net); // = the change of the balances
    }
}
