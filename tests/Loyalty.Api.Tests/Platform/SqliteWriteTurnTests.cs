using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Idempotency;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// SQLite's unit of work reads before it takes the write turn (the in-process gate and BEGIN IMMEDIATE) and takes
/// it at its first write; what it read is re-checked by the writes. These tests hold it to that.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SqliteWriteTurnTests(ApiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Racing_purchases_redemptions_and_a_repeated_receipt_keep_every_balance_equal_to_its_ledger()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        var members = new Dictionary<string, long>(); // member number → points before the race
        for (var i = 0; i < 4; i++)
        {
            var member = await s.EnrolAsync();
            members[member.MemberNumber] = (await s.EarnAsync(member.MemberNumber, 100m)).AvailablePoints;
        }

        // Per member, all at once: 15 purchases of 10 points, 15 redemptions of 20, and one receipt sent 4 times.
        using var start = new ManualResetEventSlim();
        var calls = members.Keys.SelectMany(number =>
            Enumerable.Range(0, 15).Select(_ => (number, Kind: "earn", Send: (Func<Task<HttpResponseMessage>>)(() =>
                    s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(number, 10m), Guid.NewGuid().ToString()))))
                .Concat(Enumerable.Range(0, 15).Select(_ => (number, Kind: "redeem", Send: (Func<Task<HttpResponseMessage>>)(() =>
                    s.Partner.PostAsync("/api/v1/partner/redemptions", s.Redemption(number, 20), Guid.NewGuid().ToString())))))
                .Concat(Enumerable.Range(0, 4).Select(_ => (number, Kind: "repeat", Send: (Func<Task<HttpResponseMessage>>)(() =>
                    s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(number, 10m, "SAME-" + number), Guid.NewGuid().ToString()))))))
            .OrderBy(_ => Random.Shared.Next())
            .Select(call => Task.Run(async () =>
            {
                start.Wait();
                using var response = await call.Send();
                return (call.number, call.Kind, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var (number, before) in members)
        {
            var mine = results.Where(r => r.number == number).ToList();
            Assert.All(mine.Where(r => r.Kind == "earn"), r => Assert.True(r.StatusCode == HttpStatusCode.Created, r.Body));
            var repeats = mine.Where(r => r.Kind == "repeat").ToList();
            Assert.Single(repeats, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(repeats.Where(r => r.StatusCode != HttpStatusCode.Created), r =>
            {
                Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
                Assert.Contains("duplicate_transaction", r.Body, StringComparison.Ordinal);
            });
            var redeemed = mine.Count(r => r.Kind == "redeem" && r.StatusCode == HttpStatusCode.Created);
            Assert.All(mine.Where(r => r.Kind == "redeem" && r.StatusCode != HttpStatusCode.Created), r =>
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
                Assert.Contains("insufficient_points", r.Body, StringComparison.Ordinal);
            });

            // Every point accounted for, none spent twice: what the purchases that went through earned (a tier reached
            // in the race may earn more), less what the redemptions that went through hold.
            var earned = mine.Where(r => r.Kind != "redeem" && r.StatusCode == HttpStatusCode.Created)
                .Sum(r => JsonSerializer.Deserialize<PurchaseResponse>(r.Body, HttpTestExtensions.Json)!.PointsEarned);
            var available = await s.AssertBalanceEqualsLedgerAsync(number);
            Assert.Equal(before + earned - (redeemed * 20), available);
            Assert.True(available >= 0, $"{number} went to {available}");
            await using var db = s.Api.CreateDbContext();
            Assert.Equal(1, await db.Purchases.CountAsync(p => p.ExternalId == "SAME-" + number));
        }
    }

    [Fact]
    public async Task A_unit_of_work_reads_while_another_writer_holds_the_turn_and_waits_for_it_at_its_first_write()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var before = await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber);
        var gate = api.Services.GetRequiredService<IWriteGate>();
        await using var holderScope = api.Services.CreateAsyncScope();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();

        Guid memberId;
        await using (var holder = await WriteTransaction.BeginAsync(holderScope.ServiceProvider.GetRequiredService<LoyaltyDbContext>(), gate, CancellationToken.None))
        await using (var unit = await WriteTransaction.BeginUnitOfWorkAsync(db, gate, CancellationToken.None))
        {
            // The read does not queue behind the writer that holds the turn.
            memberId = await db.Members.Where(m => m.MemberNumber == member.MemberNumber).Select(m => m.Id).SingleAsync().WaitAsync(Patience);
            Assert.False(unit.HasTurn);
            Assert.Null(db.Database.CurrentTransaction);
            Assert.True(WriteTransaction.IsOpen(db));

            // The first write does, and then runs inside the unit of work's own transaction.
            var write = db.PointsAccounts.Where(a => a.MemberId == memberId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Available, a => a.Available + 1000));
            await Task.Delay(200);
            Assert.False(write.IsCompleted, "the write ran while another writer held the turn");
            await holder.DisposeAsync();
            Assert.Equal(1, await write.WaitAsync(Patience));
            Assert.True(unit.HasTurn);
            Assert.NotNull(db.Database.CurrentTransaction);
        }

        // Not committed: the write went with the unit of work, and the context is free again.
        Assert.False(WriteTransaction.IsOpen(db));
        Assert.Equal(before, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Fact]
    public async Task SaveChanges_takes_the_turn_and_a_unit_of_work_that_only_reads_never_does()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var gate = api.Services.GetRequiredService<IWriteGate>();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        var now = api.Clock.GetUtcNow();
        var key = "turn-" + Unique.Id();

        await using (var unit = await WriteTransaction.BeginUnitOfWorkAsync(db, gate, CancellationToken.None))
        {
            _ = await db.IdempotencyRecords.CountAsync(r => r.Scope == "test");
            await db.SaveChangesAsync(); // nothing to save: no turn
            Assert.False(unit.HasTurn);
            await unit.CommitAsync(CancellationToken.None);
        }

        await using (var unit = await WriteTransaction.BeginUnitOfWorkAsync(db, gate, CancellationToken.None))
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Scope = "test", Key = key, RequestHash = "x", CreatedAt = now, LockedUntil = now, ExpiresAt = now.AddHours(1) });
            await db.SaveChangesAsync();
            Assert.True(unit.HasTurn);
            Assert.Equal(1, await db.IdempotencyRecords.CountAsync(r => r.Scope == "test" && r.Key == key)); // its own write, inside
        }

        await using var check = api.CreateDbContext();
        Assert.Equal(0, await check.IdempotencyRecords.CountAsync(r => r.Scope == "test" && r.Key == key)); // rolled back
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rows_kept_for_the_unit_of_work_are_untracked_before_its_first_write_and_a_failed_ones_are_never_written(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var gate = api.Services.GetRequiredService<IWriteGate>();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        var now = api.Clock.GetUtcNow();
        var (lost, kept) = ("lost-" + Unique.Id(), "kept-" + Unique.Id());
        IdempotencyRecord Row(string key) => new() { Scope = "rows", Key = key, RequestHash = "x", CreatedAt = now, LockedUntil = now, ExpiresAt = now.AddHours(1) };

        await using (var failed = await WriteTransaction.BeginUnitOfWorkAsync(db, gate, CancellationToken.None))
        {
            db.InsertWithUnitOfWork(Row(lost));
            Assert.Empty(db.ChangeTracker.Entries()); // kept by the unit of work, not EF's change tracker
        } // the request failed before its save

        await using (var unit = await WriteTransaction.BeginUnitOfWorkAsync(db, gate, CancellationToken.None))
        {
            // On SQLite the unit of work has no transaction yet (deferred until its first write); its rows are its own anyway.
            Assert.Equal(provider != DatabaseProvider.Sqlite, unit.HasTurn);
            db.InsertWithUnitOfWork(Row(kept));
            Assert.Empty(db.ChangeTracker.Entries());
            var (count, log) = await api.CountCommandsAsync(() => db.SaveChangesAsync());
            Assert.True(count == 1, $"{count} commands:\n{log}"); // one INSERT, no EF save
            Assert.True(unit.HasTurn);
            await unit.CommitAsync(CancellationToken.None);
        }

        await using var check = api.CreateDbContext();
        Assert.Equal([kept], await check.IdempotencyRecords.Where(r => r.Scope == "rows" && (r.Key == kept || r.Key == lost)).Select(r => r.Key).ToListAsync());
    }

    [Fact]
    public async Task A_purchase_commits_once_with_its_key_held_in_process_until_then()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m); // warm
        var key = Guid.NewGuid().ToString();
        var (_, log) = await api.CountCommandsAsync(async () =>
        {
            using var response = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m), key);
            await response.EnsureStatusAsync(HttpStatusCode.Created);
        });

        // No claim INSERT committed on its own before the unit of work: the record is written with the purchase's rows,
        // in the one transaction, so the purchase commits once.
        var statements = log.Split("\n---\n");
        Assert.DoesNotContain(statements, c => c.TrimStart().StartsWith("INSERT INTO \"IdempotencyRecords\"", StringComparison.Ordinal));
        Assert.Single(statements, c => c.Contains("INSERT INTO \"IdempotencyRecords\"", StringComparison.Ordinal) && c.Contains("INSERT INTO \"Purchases\"", StringComparison.Ordinal));
        await using var db = api.CreateDbContext();
        var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == key);
        Assert.Equal(201, record.StatusCode);
        Assert.NotNull(record.CommittedAt);
    }

    [Theory]
    [InlineData("SELECT 1", false)]
    [InlineData("  \nselect \"Id\" FROM \"Members\"", false)]
    [InlineData("UPDATE \"PointsAccounts\" SET \"Available\" = 1 RETURNING \"Available\"", true)]
    [InlineData("INSERT INTO \"IdempotencyRecords\" VALUES (1)", true)]
    [InlineData("DELETE FROM \"IdempotencyRecords\"", true)]
    [InlineData("WITH x AS (SELECT 1) UPDATE \"Members\" SET \"Id\" = \"Id\"", true)]
    [InlineData("-- a tag\nSELECT 1", true)] // unknown: takes the turn, which is only slower
    public void Only_a_select_is_a_read(string sql, bool mayWrite) => Assert.Equal(mayWrite, SqliteWriteTurn.MayWrite(sql));

    [Fact]
    public async Task Every_pooled_open_keeps_synchronous_normal_though_it_is_set_once_per_handle()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        for (var i = 0; i < 3; i++)
        {
            await using var db = api.CreateDbContext();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(1L, await command.ExecuteScalarAsync()); // 1 = NORMAL (the default is 2, FULL)
        }
    }
}
