using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class WebhookClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_partner_subscribes_reads_the_delivery_log_replays_and_rotates_through_the_partner_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (call, _, _) => Task.FromResult(call == 1 ? 503 : 200);

        var created = await api.CreateWebhookAsync(new CreateWebhookRequest(receiver.Url, [EventTypes.PointsEarned], "till events"), IdempotencyKeys.New());
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Equal((s.PartnerInfo.Id, "till events", true), (created.Webhook.PartnerId, created.Webhook.Description, created.Webhook.Active));
        Assert.Equal(created.Webhook.Id, Assert.Single((await api.ListWebhooksAsync()).Items).Id);
        Assert.Equal(receiver.Url, (await api.GetWebhookAsync(created.Webhook.Id)).Url);

        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 12m);
        await fixture.Factory.PumpUntilAsync(() => receiver.Received.Count >= 1);
        var failed = Assert.Single((await api.ListWebhookDeliveriesAsync(created.Webhook.Id, status: "failed")).Items);
        Assert.Equal((EventTypes.PointsEarned, 1, 503), (failed.EventType, failed.Attempts, failed.LastStatusCode));

        var replayed = await api.ReplayWebhookDeliveryAsync(created.Webhook.Id, failed.Id, IdempotencyKeys.New());
        Assert.Equal((WebhookDeliveryStatus.Pending, 0), (replayed.Status, replayed.Attempts));
        await fixture.Factory.PumpUntilAsync(() => receiver.Received.Count >= 2);
        var delivered = Assert.Single((await api.ListWebhookDeliveriesAsync(created.Webhook.Id)).Items);
        Assert.Equal((WebhookDeliveryStatus.Succeeded, failed.Id), (delivered.Status, delivered.Id));
        var last = receiver.Received.Last();
        Assert.True(WebhookSignature.Verify(created.Secret, last.Id, last.Timestamp, last.Signature, last.Body, fixture.Factory.Clock.GetUtcNow()));
        Assert.Equal(0, (await api.ReplayWebhookDeadLettersAsync(created.Webhook.Id, IdempotencyKeys.New())).Replayed);

        var rotated = await api.RotateWebhookSecretAsync(created.Webhook.Id, IdempotencyKeys.New());
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.NotNull(rotated.PreviousSecretExpiresAt);

        var paused = await api.UpdateWebhookAsync(created.Webhook.Id, new UpdateWebhookRequest(null, null, null, false), IdempotencyKeys.New());
        Assert.False(paused.Active);
        await api.DeleteWebhookAsync(created.Webhook.Id, IdempotencyKeys.New());
        var gone = await Assert.ThrowsAsync<LoyaltyNotFoundException>(() => api.GetWebhookAsync(created.Webhook.Id));
        Assert.True(gone.Is(ErrorCodes.WebhookNotFound), gone.Code);
    }

    [Fact]
    public async Task An_invalid_subscription_comes_back_as_a_validation_error()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() => api.CreateWebhookAsync(new CreateWebhookRequest("ftp://receiver.example/hook", null, null), IdempotencyKeys.New()));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.Contains(error.Errors.Keys, k => k.Contains("url", StringComparison.OrdinalIgnoreCase));
    }
}
