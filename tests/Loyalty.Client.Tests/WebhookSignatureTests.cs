using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Client.Tests;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private const string Id = "0193a1b2-0000-7000-8000-000000000001";
    private const string Body = """{"type":"points.earned","data":{"points":12}}""";

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Sign(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    [Fact]
    public void A_valid_signature_verifies()
    {
        var ts = Timestamp(Now);
        Assert.True(WebhookSignature.Verify(Secret, Id, ts, Sign(Secret, Id, ts, Body), Body, Now));
    }

    [Fact]
    public void A_tampered_body_fails() =>
        Assert.False(WebhookSignature.Verify(Secret, Id, Timestamp(Now), Sign(Secret, Id, Timestamp(Now), Body), Body.Replace("12", "99", StringComparison.Ordinal), Now));

    [Fact]
    public void A_changed_id_fails() =>
        Assert.False(WebhookSignature.Verify(Secret, Id + "x", Timestamp(Now), Sign(Secret, Id, Timestamp(Now), Body), Body, Now));

    [Fact]
    public void The_wrong_secret_fails()
    {
        var other = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.False(WebhookSignature.Verify(other, Id, Timestamp(Now), Sign(Secret, Id, Timestamp(Now), Body), Body, Now));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void A_timestamp_outside_the_tolerance_fails(int minutes)
    {
        var ts = Timestamp(Now.AddMinutes(minutes));
        Assert.False(WebhookSignature.Verify(Secret, Id, ts, Sign(Secret, Id, ts, Body), Body, Now));
        Assert.True(WebhookSignature.Verify(Secret, Id, ts, Sign(Secret, Id, ts, Body), Body, Now, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void During_a_rotation_either_secret_verifies()
    {
        var old = "whsec_" + Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var ts = Timestamp(Now);
        var header = Sign(Secret, Id, ts, Body) + " " + Sign(old, Id, ts, Body);
        Assert.True(WebhookSignature.Verify(Secret, Id, ts, header, Body, Now));
        Assert.True(WebhookSignature.Verify(old, Id, ts, header, Body, Now));
        Assert.False(WebhookSignature.Verify("whsec_" + Convert.ToBase64String(new byte[32]), Id, ts, header, Body, Now));
    }

    [Theory]
    [InlineData(null, "1", "v1,abc")]
    [InlineData("id", "not-a-number", "v1,abc")]
    [InlineData("id", "1", null)]
    [InlineData("id", "1", "v2,abc v1")]
    public void Missing_or_malformed_headers_fail(string? id, string? timestamp, string? signature) =>
        Assert.False(WebhookSignature.Verify(Secret, id, timestamp, signature, Body, Now));

    [Fact]
    public void Headers_can_come_from_a_lookup()
    {
        var ts = Timestamp(Now);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Webhook-Id"] = Id, ["Webhook-Timestamp"] = ts, ["Webhook-Signature"] = Sign(Secret, Id, ts, Body) };
        Assert.True(WebhookSignature.Verify(Secret, name => headers.GetValueOrDefault(name), Body, Now));
    }
}
