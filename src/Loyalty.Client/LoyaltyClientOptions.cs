namespace Loyalty.Client;

/// <summary>
/// Settings for <see cref="LoyaltyClientServiceCollectionExtensions.AddLoyaltyClient"/>: <see cref="IPartnerApi"/> is registered
/// when <see cref="ApiKey"/> is set and <see cref="IMemberApi"/> when <see cref="AccessTokenProvider"/> is set.
/// </summary>
public sealed class LoyaltyClientOptions
{
    /// <summary>Absolute root address of the Loyalty API, e.g. <c>https://loyalty.example.com/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The partner's API key; set it to register <see cref="IPartnerApi"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The member's access token source; set it to register <see cref="IMemberApi"/>. See <see cref="LoyaltyMemberClientOptions.AccessTokenProvider"/>.</summary>
    public Func<IServiceProvider, CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>Retries of transient failures for idempotent calls (see <see cref="RetryHandler"/>); <c>MaxAttempts = 1</c> turns them off.</summary>
    public LoyaltyRetryOptions Retry { get; set; } = new();
}
