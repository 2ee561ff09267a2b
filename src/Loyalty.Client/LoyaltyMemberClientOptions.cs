namespace Loyalty.Client;

/// <summary>Settings for <see cref="IMemberApi"/> registered with <see cref="LoyaltyClientServiceCollectionExtensions.AddLoyaltyMemberClient"/>.</summary>
public sealed class LoyaltyMemberClientOptions
{
    /// <summary>Absolute root address of the Loyalty API, e.g. <c>https://loyalty.example.com/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Returns the member's current access token; called for every request, so it may refresh an expired token.
    /// Required. The service provider is the HTTP handler's scope, not the caller's, so resolve singletons from it.
    /// </summary>
    public Func<IServiceProvider, CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>Retries of transient failures for idempotent calls (see <see cref="RetryHandler"/>); <c>MaxAttempts = 1</c> turns them off.</summary>
    public LoyaltyRetryOptions Retry { get; set; } = new();
}
