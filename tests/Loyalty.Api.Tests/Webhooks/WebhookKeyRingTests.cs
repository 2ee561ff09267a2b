using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Client;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Webhooks;

[Collection(ApiCollection.Name)]
public sealed class WebhookKeyRingTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_secret_protected_by_one_instance_signs_deliveries_on_another_instance_on_the_same_database(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 25m);

        // The key that protected the secret is a row of the database, not a file or memory of this instance.
        await using (var db = api.CreateDbContext())
        {
            var protectedSecret = await db.WebhookSubscriptions.Where(w => w.Id == hook.Webhook.Id).Select(w => w.ProtectedSecret).SingleAsync();
            var keyId = new Guid(WebEncoders.Base64UrlDecode(protectedSecret).AsSpan(4, 16)); // after the 4-byte magic header
            Assert.True(await db.DataProtectionKeys.AnyAsync(k => k.FriendlyName == "key-" + keyId), "the protecting key is not in the database");
        }

        // Another instance (another server, or this one after a restart): its own container and key ring cache.
        await using var other = api.WithWebHostBuilder(_ => { });
        Assert.NotSame(api.Services, other.Services);
        await other.PumpUntilAsync(() => receiver.Received.Count >= 1);

        var received = Assert.Single(receiver.Received);
        Assert.True(WebhookSignature.Verify(hook.Secret, received.Id, received.Timestamp, received.Signature, received.Body, api.Clock.GetUtcNow()));
        Assert.Equal(WebhookDeliveryStatus.Succeeded, Assert.Single((await s.DeliveriesAsync(hook.Webhook.Id)).Items).Status);
        await s.UnsubscribeAsync(hook.Webhook.Id);
    }
}
