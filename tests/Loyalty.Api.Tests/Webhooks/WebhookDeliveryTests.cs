using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Client;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Webhooks;

[Collection(ApiCollection.Name)]
public sealed class WebhookDeliveryTests(ApiFixture fixture)
{
    private static string MemberOf(ReceivedWebhook hook) =>
        JsonDocument.Parse(hook.Body).RootElement.GetProperty("data").GetProperty("memberNumber").GetString()!;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_event_whose_change_rolls_back_is_never_delivered(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        var member = await s.EnrolAsync();

        // An event added to a unit of work that then fails: the transaction rolls back, the message with it.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
            await using var transaction = await WriteTransaction.BeginAsync(db, scope.ServiceProvider.GetRequiredService<IWriteGate>(), CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<EventOutbox>().Add(new PointsEarnedV1(member.MemberNumber, PointsEarnedSource.Purchase, null, 1, false, [], DateTimeOffset.UnixEpoch, ExternalId: "rolledBack"), null, s.PartnerInfo.Id);
            await db.SaveChangesAsync();
        }

        // The same receipt twice at once: one earns, the other is refused (on PostgreSQL after its outbox add, by the unique receipt).
        var receipt = "R-" + Unique.Id();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m, receipt), Guid.NewGuid().ToString())));
        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        await api.PumpUntilAsync(() => receiver.Received.Count >= 1);
        await api.PumpUntilAsync(() => false, rounds: 3); // anything else would have arrived by now
        var received = Assert.Single(receiver.Received);
        Assert.DoesNotContain("rolledBack", received.Body, StringComparison.Ordinal);
        Assert.True(WebhookEvent.Parse(received.Body).TryGet<PointsEarnedV1>(out var earned)); // what a receiver using the SDK reads
        Assert.Equal((receipt, PointsEarnedSource.Purchase), (earned.ExternalId, earned.Source));
        Assert.Single((await s.DeliveriesAsync(hook.Webhook.Id)).Items);
        await s.UnsubscribeAsync(hook.Webhook.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_receiver_that_fails_then_recovers_gets_the_event_once_it_is_back_with_a_valid_signature(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (call, _, _) => Task.FromResult(call <= 2 ? 500 : 200);
        var hook = await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        Assert.StartsWith("whsec_", hook.Secret, StringComparison.Ordinal);
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 25m);

        await api.FanOutAsync();
        await api.PumpUntilAsync(() => receiver.Received.Count >= 1);
        var failed = Assert.Single((await s.DeliveriesAsync(hook.Webhook.Id, "failed")).Items);
        Assert.Equal((1, 500), (failed.Attempts, failed.LastStatusCode));
        Assert.Equal(0, await api.DispatchAsync()); // not due before its backoff

        using (api.Clock.Travel(TimeSpan.FromHours(7))) // past the longest backoff
        {
            await api.PumpUntilAsync(() => receiver.Received.Count >= 2);
            Assert.Equal(2, receiver.Received.Count);
            using (api.Clock.Travel(TimeSpan.FromHours(7)))
            {
                await api.PumpUntilAsync(() => receiver.Received.Count >= 3);
                var now = api.Clock.GetUtcNow();
                Assert.Equal(3, receiver.Received.Count);
                var hooks = receiver.Received.ToList();
                Assert.Single(hooks.Select(h => h.Id).Distinct()); // one webhook-id across retries: receivers dedupe on it
                var last = hooks[^1];
                Assert.True(WebhookSignature.Verify(hook.Secret, last.Id, last.Timestamp, last.Signature, last.Body, now));
                Assert.False(WebhookSignature.Verify(hook.Secret, last.Id, last.Timestamp, last.Signature, last.Body.Replace("25", "99", StringComparison.Ordinal), now));
                var body = JsonDocument.Parse(last.Body).RootElement;
                Assert.Equal(EventTypes.PointsEarned, body.GetProperty("type").GetString());
                Assert.Equal(purchase.PurchaseId, body.GetProperty("data").GetProperty("purchaseId").GetGuid());
            }
        }

        var delivered = Assert.Single((await s.DeliveriesAsync(hook.Webhook.Id)).Items);
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 3, 200), (delivered.Status, delivered.Attempts, delivered.LastStatusCode));
        Assert.Equal(receiver.Received.First().Id, delivered.MessageId.ToString());
        await s.UnsubscribeAsync(hook.Webhook.Id);
        await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_dispatchers_at_once_never_send_the_same_delivery_twice_and_keep_each_members_order(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, _, ct) =>
        {
            await Task.Delay(30, ct); // long enough for the two dispatchers to overlap
            return 200;
        };
        var hook = await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        var members = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var member = await s.EnrolAsync();
            members.Add(member.MemberNumber);
        }

        for (var round = 0; round < 3; round++)
        {
            foreach (var member in members)
            {
                await s.EarnAsync(member, 10m + round);
            }
        }

        await api.FanOutAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        async Task Dispatcher()
        {
            while (receiver.Received.Count < 12 && !stop.IsCancellationRequested)
            {
                await api.DispatchAsync();
            }
        }

        await Task.WhenAll(Dispatcher(), Dispatcher());
        await api.PumpUntilAsync(() => false, rounds: 2);

        var hooks = receiver.Received.ToList();
        Assert.Equal(12, hooks.Count);
        Assert.Equal(12, hooks.Select(h => h.Id).Distinct().Count());
        foreach (var member in members)
        {
            var amounts = hooks.Where(h => MemberOf(h) == member)
                .Select(h => JsonDocument.Parse(h.Body).RootElement.GetProperty("data").GetProperty("points").GetInt64()).ToList();
            Assert.Equal([10L, 11L, 12L], amounts); // in the order they happened
        }

        Assert.All((await s.DeliveriesAsync(hook.Webhook.Id)).Items, d => Assert.Equal((WebhookDeliveryStatus.Succeeded, 1), (d.Status, d.Attempts)));
        await s.UnsubscribeAsync(hook.Webhook.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_dispatcher_killed_mid_batch_loses_nothing_its_leases_expire_and_another_delivers(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var kill = new CancellationTokenSource();
        receiver.Respond = async (call, _, ct) =>
        {
            if (call == 1)
            {
                await kill.CancelAsync(); // the instance dies while its batch is on the wire
            }

            await Task.Delay(Timeout.Infinite, ct);
            return 200;
        };
        var hook = await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        var members = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var member = await s.EnrolAsync();
            members.Add(member.MemberNumber);
            await s.EarnAsync(member.MemberNumber, 10m);
        }

        await api.FanOutAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.DispatchAsync(kill.Token));
        var stuck = (await s.DeliveriesAsync(hook.Webhook.Id)).Items;
        Assert.Equal(5, stuck.Count);
        Assert.All(stuck, d => Assert.Equal(WebhookDeliveryStatus.Delivering, d.Status));

        receiver.Respond = (_, _, _) => Task.FromResult(200);
        await api.PumpUntilAsync(() => false, rounds: 2);
        Assert.All((await s.DeliveriesAsync(hook.Webhook.Id)).Items, d => Assert.Equal(WebhookDeliveryStatus.Delivering, d.Status)); // the leases still hold

        using (api.Clock.Travel(TimeSpan.FromMinutes(6)))
        {
            await api.PumpUntilAsync(() => (s.DeliveriesAsync(hook.Webhook.Id).Result.Items.All(d => d.Status == WebhookDeliveryStatus.Succeeded)));
        }

        var deliveries = (await s.DeliveriesAsync(hook.Webhook.Id)).Items;
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Succeeded, 2), (d.Status, d.Attempts)));
        Assert.Equal(deliveries.Select(d => d.MessageId.ToString()).Order(), receiver.Received.Select(h => h.Id).Distinct().Order());
        Assert.Equal(members.Order(), receiver.Received.Where(h => h.Body.Length > 0).Select(MemberOf).Distinct().Order());
        await s.UnsubscribeAsync(hook.Webhook.Id);
    }
}
