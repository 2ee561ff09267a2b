using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Financial.PointsTestKit;

namespace Loyalty.Api.Tests.Financial;

/// <summary>
/// Batch balance moves (bulk imports) sharing members, at once: each must lock the accounts in one global order, or two
/// of them can each hold an account the other waits for (PostgreSQL: deadlock detected, one batch rolled back).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BatchBalanceLockTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_batches_over_the_same_members_in_opposite_orders_both_commit(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var members = new List<Guid>();
        for (var i = 0; i < 120; i++)
        {
            members.Add(await MemberIdAsync(api, (await s.EnrolAsync()).MemberNumber));
        }

        const int rounds = 8;
        for (var round = 0; round < rounds; round++)
        {
            using var start = new Barrier(2);
            await Task.WhenAll(
                Task.Run(() => MoveAsync(api, members, +1, start)),
                Task.Run(() => MoveAsync(api, [.. Enumerable.Reverse(members)], +1, start)));
        }

        // Both batches of every round landed; then the accounts are put back (these moves wrote no ledger entries).
        await using (var db = api.CreateDbContext())
        {
            var available = await db.PointsAccounts.Where(a => members.Contains(a.MemberId)).Select(a => a.Available).ToListAsync();
            Assert.Equal(members.Count, available.Count);
            Assert.All(available, a => Assert.Equal(2 * rounds, a));
        }

        await MoveAsync(api, members, -2 * rounds, start: null);
    }

    private static async Task MoveAsync(LoyaltyApiFactory api, IReadOnlyList<Guid> members, long points, Barrier? start)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
        start?.SignalAndWait(TimeSpan.FromSeconds(30));
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IAccountBalances>()
            .ApplyManyAsync([.. members.Select(m => new AccountDelta(m, points, 0, 0))], api.Clock.GetUtcNow(), CancellationToken.None);
        await transaction.CommitAsync();
    }
}
