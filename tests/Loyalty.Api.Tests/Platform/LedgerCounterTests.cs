using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Loyalty.Api.Tests.Imports;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Financial.PointsTestKit;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The earned and redeemed counters count committed ledger entries only: a purchase or capture whose unit of work fails
/// after its entry was added (the insert that writes it fails; with and without an idempotency key, whose journal commits
/// the unit of work itself) adds nothing, and the committed one adds its points once, a replay nothing more. The same
/// for the jobs that write the ledger in transactions of their own (imports, bulk grants, the set-based expiry): each
/// commit counts what it wrote, a rolled-back one nothing. The meter is process-wide and API factories outside the
/// "api" collection may earn meanwhile, so the tests look for their own values or their own async flow only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerCounterTests(ApiFixture fixture)
{
    private const string Transactions = "/api/v1/partner/transactions";
    private const string ImportHeader = "memberNumber,storeId,externalId,amount,currency,purchasedAt";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rolled_back_purchase_or_capture_adds_nothing_and_a_committed_one_adds_its_points_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var balance = await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber);
        using var counted = new Measurements();

        // Over HTTP the idempotency journal commits the unit of work; sent in process (as the import job does) without a
        // key, the unit of work commits itself.
        await FailingLedgerInsertAsync(api, async () => (int)(await s.Partner.PostAsync(Transactions, s.Purchase(member.MemberNumber, 613m), Guid.NewGuid().ToString())).StatusCode);
        await FailingLedgerInsertAsync(api, async () => await SendAsync(api, new RecordPurchaseCommand(s.PartnerInfo.Id, s.Purchase(member.MemberNumber, 613m))));
        Assert.Equal(balance, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));

        var key = Guid.NewGuid().ToString();
        var purchase = s.Purchase(member.MemberNumber, 613m);
        PurchaseResponse earned;
        using (var committed = await s.Partner.PostAsync(Transactions, purchase, key))
        {
            await committed.EnsureStatusAsync(HttpStatusCode.Created);
            earned = (await committed.Content.ReadFromJsonAsync<PurchaseResponse>(HttpTestExtensions.Json))!;
        }

        using (var replayed = await s.Partner.PostAsync(Transactions, purchase, key))
        {
            Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        }

        var inProcess = await SendAsync(api, new RecordPurchaseCommand(s.PartnerInfo.Id, s.Purchase(member.MemberNumber, 277m)));
        Assert.True(earned.PointsEarned > 0 && inProcess.PointsEarned > 0 && inProcess.PointsEarned != earned.PointsEarned);
        Assert.Equal(1, counted.Of("loyalty.points.earned", earned.PointsEarned));
        Assert.Equal(1, counted.Of("loyalty.points.earned", inProcess.PointsEarned));

        const long spent = 37;
        var redemption = await s.AuthoriseAsync(member.MemberNumber, spent);
        var capture = $"{PointsFlows.Redemptions}/{redemption.RedemptionId}/capture";
        await FailingLedgerInsertAsync(api, async () => (int)(await s.Partner.PostAsync(capture, new CaptureRedemptionRequest(null), Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(0, counted.Of("loyalty.points.redeemed", spent));

        await s.CaptureAsync(redemption.RedemptionId);
        Assert.Equal(1, counted.Of("loyalty.points.redeemed", spent));
        Assert.Equal(balance + earned.PointsEarned + inProcess.PointsEarned - spent, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        Assert.Equal(1, counted.Of("loyalty.points.earned", earned.PointsEarned));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_jobs_count_what_each_committed_transaction_wrote_once_and_a_rolled_back_one_nothing(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = (await s.EnrolAsync()).MemberNumber;
        var bob = (await s.EnrolAsync()).MemberNumber;
        using var counted = new Measurements(thisFlowOnly: true); // the jobs run on this test's flow, other tests' jobs do not

        // Import: a chunk earns in one transaction; when it fails (here after its ledger insert ran) its rows earn one by
        // one instead. Each row's points are counted once either way, the failed chunk's not at all.
        var at = api.Clock.GetUtcNow().AddDays(-3).ToString("O");
        string Csv() => $"{ImportHeader}\n{ann},{s.Store.Id},R-{Unique.Id()},10,EUR,{at}\n{bob},{s.Store.Id},R-{Unique.Id()},20,EUR,{at}\n";
        await ImportAsync(s, Csv());
        Assert.Equal(30, counted.Sum("loyalty.points.earned"));
        var chunked = counted.Values("loyalty.points.earned").Count;
        await ImportAsync(s, Csv(), failChunk: true);
        Assert.Equal([10L, 20L], counted.Values("loyalty.points.earned").Skip(chunked).Order()); // row by row, nothing for the chunk

        // Bulk grant: one transaction per member; the second member's fails after its insert, the run stops, the next
        // run credits it. Two members, two counts.
        using (var grant = await s.Admin.PostAsync("/api/v1/admin/grants", new CreateBulkGrantRequest("Counted " + Unique.Id(), 251, [ann, bob]), Guid.NewGuid().ToString()))
        {
            await grant.EnsureStatusAsync(HttpStatusCode.Accepted);
        }

        var inserts = 0;
        api.Commands.FailNext = sql => IsLedgerInsert(sql) && ++inserts == 2;
        await FailsAsync(() => RunAsync<BulkGrantJob>(api));
        Assert.Null(api.Commands.FailNext);
        Assert.Equal(1, counted.Of("loyalty.points.earned", 251));
        Assert.True(await RunAsync<BulkGrantJob>(api) >= 1);
        Assert.Equal(2, counted.Of("loyalty.points.earned", 251));

        // Expiry, set-based: a batch that fails after writing its entries counts nothing; the run that commits counts
        // exactly the points its entries took (every member's due lots in the shared database, hence the sum).
        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(30));
        await s.EarnAsync(ann, 40m);
        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            var before = await ExpiredAsync(api);
            api.Commands.FailNext = sql => sql.Contains("UPDATE \"PointsLots\" SET \"Remaining\" = 0", StringComparison.Ordinal);
            await FailsAsync(() => RunAsync<ExpirePointsJob>(api));
            Assert.Null(api.Commands.FailNext);
            Assert.Equal(before, await ExpiredAsync(api));
            Assert.Empty(counted.Values("loyalty.points.expired"));

            await RunAsync<ExpirePointsJob>(api);
            var expired = before - await ExpiredAsync(api);
            Assert.True(expired >= 40, $"{expired} points expired");
            Assert.Equal(expired, counted.Sum("loyalty.points.expired"));
        }
    }

    private static bool IsLedgerInsert(string sql) =>
        sql.Contains("INSERT INTO \"LedgerEntries\"", StringComparison.Ordinal) || sql.Contains("INSERT INTO [LedgerEntries]", StringComparison.Ordinal);

    private static async Task FailsAsync(Func<Task> run)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(run);
        Assert.True(failure is DbUpdateException or DbException, failure.ToString());
    }

    /// <summary>Uploads an import and runs the import job until it is done (with <paramref name="failChunk"/>, the chunk's ledger insert fails once).</summary>
    private static async Task ImportAsync(Scenario s, string csv, bool failChunk = false)
    {
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await s.Partner.SendAsync(request);
            await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        }

        s.Api.Commands.FailNext = failChunk ? IsLedgerInsert : null;
        await ImportJobRunner.RunUntilIdleAsync(s.Api);
        Assert.Null(s.Api.Commands.FailNext);
    }

    /// <summary>The points every Expire entry in the database took (negative).</summary>
    private static async Task<long> ExpiredAsync(LoyaltyApiFactory api)
    {
        await using var db = api.CreateDbContext();
        return await db.LedgerEntries.Where(e => e.Type == LedgerEntryType.Expire).SumAsync(e => e.Points);
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (an HTTP status, or a command sent in process) while the insert carrying its ledger
    /// entry fails: the entry was added, then not written.
    /// </summary>
    private static async Task FailingLedgerInsertAsync(LoyaltyApiFactory api, Func<Task<object?>> attempt)
    {
        api.Commands.FailNext = IsLedgerInsert;
        try
        {
            object? outcome;
            try
            {
                outcome = await attempt();
            }
            catch (Exception e) when (e is DbUpdateException or DbException)
            {
                outcome = e.GetType().Name;
            }

            Assert.True(api.Commands.FailNext is null, $"no ledger insert was sent ({outcome})"); // the failure did happen
            Assert.True(outcome is >= 500 or string, $"{outcome} after a failed insert");
        }
        finally
        {
            api.Commands.FailNext = null;
        }
    }

    /// <summary>A command sent in its own scope, with no idempotency key: the unit of work commits itself.</summary>
    private static async Task<T> SendAsync<T>(LoyaltyApiFactory api, ICommand<T> command)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>
    /// The earned, redeemed and expired counters' measurements while it lives; with <c>thisFlowOnly</c>, only those
    /// made on the creator's async flow (code it awaits, not requests through the test server or other tests).
    /// </summary>
    private sealed class Measurements : IDisposable
    {
        private static readonly AsyncLocal<Measurements?> Flow = new();
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value)> _values = new();

        public Measurements(bool thisFlowOnly = false)
        {
            if (thisFlowOnly)
            {
                Flow.Value = this;
            }

            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LoyaltyTelemetry.Name && instrument.Name is "loyalty.points.earned" or "loyalty.points.redeemed" or "loyalty.points.expired")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (!thisFlowOnly || ReferenceEquals(Flow.Value, this))
                {
                    _values.Enqueue((instrument.Name, value));
                }
            });
            _listener.Start();
        }

        /// <summary>How many measurements of <paramref name="name"/> were exactly <paramref name="value"/>.</summary>
        public int Of(string name, long value) => _values.Count(v => v.Name == name && v.Value == value);

        public List<long> Values(string name) => _values.Where(v => v.Name == name).Select(v => v.Value).ToList();

        public long Sum(string name) => Values(name).Sum();

        public void Dispose() => _listener.Dispose();
    }
}
