using System.Security.Cryptography;
using System.Text;
using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Webhooks;

namespace Loyalty.Domain.Tests.Structural;

public sealed class WebhookTests
{
    [Fact]
    public void Backoff_doubles_up_to_the_cap_and_jitter_stays_within_it()
    {
        var backoff = new WebhookBackoff(new Random(42), TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Ceiling(1));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Ceiling(2));
        Assert.Equal(TimeSpan.FromSeconds(240), backoff.Ceiling(4));
        Assert.Equal(TimeSpan.FromHours(1), backoff.Ceiling(20));
        Assert.Equal(TimeSpan.FromHours(1), backoff.Ceiling(1000));
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt)).ToList();
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, backoff.Ceiling(attempt)));
            Assert.True(delays.Distinct().Count() > 100, "full jitter spreads the retries");
        }
    }

    [Fact]
    public void Backoff_is_reproducible_with_a_seed()
    {
        var a = new WebhookBackoff(new Random(7), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var b = new WebhookBackoff(new Random(7), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(Enumerable.Range(1, 10).Select(a.Delay), Enumerable.Range(1, 10).Select(b.Delay));
    }

    [Fact]
    public void Signature_is_hmac_sha256_of_id_timestamp_and_body_with_the_decoded_secret()
    {
        var secret = WebhookSecrets.Generate();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSecrets.KeyOf(secret).Length);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyOf(secret), Encoding.UTF8.GetBytes("msg.1700000000.{}")));
        Assert.Equal("v1," + expected, WebhookSecrets.Sign(secret, "msg", 1_700_000_000, "{}"));
        Assert.NotEqual(WebhookSecrets.Sign(secret, "msg", 1_700_000_000, "{}"), WebhookSecrets.Sign(secret, "msg", 1_700_000_001, "{}"));
    }

    [Fact]
    public void Subscriptions_filter_by_event_type_and_refuse_unknown_types()
    {
        var now = DateTimeOffset.UnixEpoch;
        var all = WebhookSubscription.Create(null, "https://x.example", null, null, "p", now);
        Assert.True(all.Wants(EventTypes.TierChanged));
        var some = WebhookSubscription.Create(null, "https://x.example", null, [EventTypes.PointsEarned], "p", now);
        Assert.True(some.Wants(EventTypes.PointsEarned));
        Assert.False(some.Wants(EventTypes.PointsRedeemed));
        var error = Assert.Throws<DomainException>(() => WebhookSubscription.Create(null, "https://x.example", null, ["points.stolen"], "p", now));
        Assert.Equal("unknown_event_type", error.Code);
    }
}
