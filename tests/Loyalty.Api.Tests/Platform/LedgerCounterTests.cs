using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The earned and redeemed counters count committed ledger entries only: a purchase or capture whose unit of work fails
/// after its entry was added (the insert that writes it fails; with and without an idempotency key, whose journal commits
/// the unit of work itself) adds nothing, and the committed one adds its points once, a replay nothing more. The meter
/// is process-wide and API factories outside the "api" collection may earn meanwhile, so the test looks for its own
/// values only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerCounterTests(ApiFixture fixture)
{
    private const string Transactions = "/api/v1/partner/transactions";

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

    /// <summary>
    /// Runs <paramref name="attempt"/> (an HTTP status, or a command sent in process) while the insert carrying its ledger
    /// entry fails: the entry was added, then not written.
    /// </summary>
    private static async Task FailingLedgerInsertAsync(LoyaltyApiFactory api, Func<Task<object?>> attempt)
    {
        api.Commands.FailNext = sql => sql.Contains("INSERT INTO \"LedgerEntries\"", StringComparison.Ordinal) || sql.Contains("INSERT INTO [LedgerEntries]", StringComparison.Ordinal);
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

    /// <summary>The earned and redeemed counters' measurements while it lives.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value)> _values = new();

        public Measurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LoyaltyTelemetry.Name && instrument.Name is "loyalty.points.earned" or "loyalty.points.redeemed")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _values.Enqueue((instrument.Name, value)));
            _listener.Start();
        }

        /// <summary>How many measurements of <paramref name="name"/> were exactly <paramref name="value"/>.</summary>
        public int Of(string name, long value) => _values.Count(v => v.Name == name && v.Value == value);

        public void Dispose() => _listener.Dispose();
    }
}
