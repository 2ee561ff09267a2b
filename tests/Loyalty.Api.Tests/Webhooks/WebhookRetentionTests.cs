using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Webhooks;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Webhooks;

[Collection(ApiCollection.Name)]
public sealed class WebhookRetentionTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Old_successful_deliveries_are_deleted_in_batches_failures_and_recent_ones_stay(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var good = await WebhookReceiver.StartAsync();
        await using var bad = await WebhookReceiver.StartAsync();
        bad.Respond = (_, _, _) => Task.FromResult(500);
        var delivered = await s.SubscribeAsync(good.Url, EventTypes.PointsEarned);
        var failing = await s.SubscribeAsync(bad.Url, EventTypes.PointsEarned);
        var member = await s.EnrolAsync();
        for (var i = 0; i < 3; i++)
        {
            await s.EarnAsync(member.MemberNumber, 5m + i);
        }

        await api.PumpUntilAsync(() => good.Received.Count >= 3 && !bad.Received.IsEmpty);
        Assert.Equal(3, (await s.DeliveriesAsync(delivered.Webhook.Id, "succeeded")).Items.Count);

        using (api.Clock.Travel(TimeSpan.FromDays(29)))
        {
            await PurgeAsync(api, batchSize: 1);
            Assert.Equal(3, (await s.DeliveriesAsync(delivered.Webhook.Id)).Items.Count); // not old enough yet
        }

        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            await s.EarnAsync(member.MemberNumber, 9m);
            await api.PumpUntilAsync(() => good.Received.Count >= 4);

            Assert.True(await PurgeAsync(api, batchSize: 1) >= 3); // one row per batch: the loop goes on until done

            var left = Assert.Single((await s.DeliveriesAsync(delivered.Webhook.Id)).Items);
            Assert.Equal(WebhookDeliveryStatus.Succeeded, left.Status);
            Assert.True(left.DeliveredAt > api.Clock.GetUtcNow().AddDays(-1), "the recent delivery was deleted");
            Assert.NotEmpty((await s.DeliveriesAsync(failing.Webhook.Id)).Items); // failures stay, to be looked at and replayed
            Assert.Equal(0, await api.Services.GetRequiredService<WebhookDeliveryRetentionJob>().RunOnceAsync(CancellationToken.None));
        }

        await s.UnsubscribeAsync(delivered.Webhook.Id);
        await s.UnsubscribeAsync(failing.Webhook.Id);
    }

    private static async Task<int> PurgeAsync(LoyaltyApiFactory api, int batchSize)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeWebhookDeliveriesCommand(batchSize));
    }
}
