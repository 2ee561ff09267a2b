namespace Loyalty.Client;

/// <summary>Settings for <see cref="IPartnerApi"/> registered with <see cref="LoyaltyClientServiceCollectionExtensions.AddLoyaltyPartnerClient"/>.</summary>
public sealed class LoyaltyPartnerClientOptions
{
    /// <summary>Absolute root address of the Loyalty API, e.g. <c>https://loyalty.example.com/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The partner's API key, sent as <c>X-Api-Key</c>. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries of transient failures for idempotent calls (see <see cref="RetryHandler"/>); <c>MaxAttempts = 1</c> turns them off.</summary>
    public LoyaltyRetryOptions Retry { get; set; } = new();
}
