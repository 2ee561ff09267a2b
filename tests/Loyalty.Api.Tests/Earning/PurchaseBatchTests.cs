using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Earning;

/// <summary>
/// The till's rows are written as one prepared command per shape of batch (tables and row counts), its text and
/// parameter list reused: each purchase must still write its own values, and a basket too large for one command is
/// split between commands without losing a line.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PurchaseBatchTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Purchases_of_the_same_shape_keep_their_own_values(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        PurchaseLineRequest[] first = [new("A-1", "beans", 1m, 1.25m), new(null, "cups", 2m, 2.50m), new("A-3", null, 3m, 3.75m)];
        PurchaseLineRequest[] second = [new(null, "pastry", 4m, 9.00m), new("B-2", "tea", 0.5m, 0.10m), new("B-3", null, 1m, 20.90m)];

        var one = await PurchaseAsync(s, member.MemberNumber, first);
        var two = await PurchaseAsync(s, member.MemberNumber, second);

        Assert.Equal(first, await StoredLinesAsync(s, one.PurchaseId));
        Assert.Equal(second, await StoredLinesAsync(s, two.PurchaseId));
        await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_basket_past_one_command_s_parameter_limit_is_written_whole(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        // 500 lines of 8 columns: past the 2,000 parameters one command takes, so the rows go in several commands.
        var lines = Enumerable.Range(0, 500).Select(i => new PurchaseLineRequest("SKU-" + i, i % 2 == 0 ? "beans" : null, 1m, 0.10m)).ToArray();

        var purchase = await PurchaseAsync(s, member.MemberNumber, lines);

        Assert.Equal(lines, await StoredLinesAsync(s, purchase.PurchaseId));
        Assert.True(purchase.PointsEarned > 0);
        await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber);
    }

    private static Task<PurchaseResponse> PurchaseAsync(Scenario s, string memberNumber, PurchaseLineRequest[] lines) =>
        s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions", s.Purchase(memberNumber, lines.Sum(l => l.Amount)) with { Lines = lines }, idempotent: true);

    private static async Task<PurchaseLineRequest[]> StoredLinesAsync(Scenario s, Guid purchaseId)
    {
        await using var db = s.Api.CreateDbContext();
        var stored = await db.PurchaseLines.Where(l => l.PurchaseId == purchaseId).ToListAsync();
        return [.. stored.OrderBy(l => l.Sequence).Select(l => new PurchaseLineRequest(l.Sku, l.Category, l.Quantity, l.Amount))];
    }
}
