namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>Webhook settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Attempts before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a claimed delivery stays with its dispatcher; must exceed a batch's sending time.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; set; } = 50;

    public int Parallelism { get; set; } = 8;

    public int FanOutBatchSize { get; set; } = 500;

    /// <summary>How long the old secret keeps signing (a second signature) after a rotation.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Successful deliveries older than this many days are deleted by the <c>webhook-delivery-retention</c> job; 0 keeps them.</summary>
    public int DeliveryRetentionDays { get; set; } = 30;

    /// <summary>
    /// Development and tests only: allow receivers on loopback and private networks, and plain http. Off, a URL must be
    /// https and its host must be (and resolve, when posting, to) public addresses only.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>Refuses subscription URLs that point into the server's own networks (SSRF), unless the settings allow them.</summary>
public interface IWebhookUrlGuard
{
    /// <summary>False when the host is, or now resolves to, an address that is not public. A name that does not resolve passes: posting checks again.</summary>
    Task<bool> IsAllowedAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>Keeps signing secrets unreadable at rest (the server needs them back to sign, so they cannot be hashed).</summary>
public interface IWebhookSecretProtector
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}

public sealed record WebhookPost(Uri Url, string MessageId, long Timestamp, string Signature, string Body);

/// <summary>Whether the receiver took it: a 2xx status; anything else (or no answer) is a failure to retry.</summary>
public sealed record WebhookPostResult(bool Succeeded, int? StatusCode, string? Error);

/// <summary>Posts one signed event (HTTP, with a timeout). Never throws for the receiver's failures, only for cancellation.</summary>
public interface IWebhookSender
{
    Task<WebhookPostResult> PostAsync(WebhookPost post, CancellationToken cancellationToken);
}
