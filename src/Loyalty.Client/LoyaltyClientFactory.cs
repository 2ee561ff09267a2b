using Refit;

namespace Loyalty.Client;

/// <summary>
/// Creates the Loyalty API clients without dependency injection, e.g. in tests over an in-memory test server
/// (pass <c>WebApplicationFactory.Server.CreateHandler()</c> and <c>Server.BaseAddress</c> to the handler overloads).
/// </summary>
public static class LoyaltyClientFactory
{
    /// <summary>
    /// Creates a partner client over an existing <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is set.
    /// The key is added to the client's <see cref="HttpClient.DefaultRequestHeaders"/>, so use one client per key.
    /// The client's own handlers are used as they are: add a <see cref="RetryHandler"/> to them for retries.
    /// </summary>
    public static IPartnerApi CreatePartnerApi(HttpClient httpClient, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);

        httpClient.DefaultRequestHeaders.Remove(ApiKeyHandler.HeaderName);
        httpClient.DefaultRequestHeaders.Add(ApiKeyHandler.HeaderName, apiKey);
        return RestService.ForGenerated<IPartnerApi>(httpClient, LoyaltyRefitSettings.Create());
    }

    /// <summary>
    /// Creates a partner client that sends through <paramref name="innerHandler"/>, adding the API key to each request and
    /// retrying idempotent calls as <paramref name="retry"/> says (defaults when null).
    /// </summary>
    public static IPartnerApi CreatePartnerApi(HttpMessageHandler innerHandler, Uri baseAddress, string apiKey, LoyaltyRetryOptions? retry = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(innerHandler);
        ArgumentNullException.ThrowIfNull(baseAddress);

        var handler = new RetryHandler(retry, timeProvider) { InnerHandler = new ApiKeyHandler(apiKey) { InnerHandler = innerHandler } };
        return RestService.ForGenerated<IPartnerApi>(new HttpClient(handler) { BaseAddress = baseAddress }, LoyaltyRefitSettings.Create());
    }

    /// <summary>
    /// Creates a member client over an existing <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is set.
    /// <paramref name="accessTokenProvider"/> is asked for a token on every request.
    /// </summary>
    public static IMemberApi CreateMemberApi(HttpClient httpClient, Func<CancellationToken, ValueTask<string>> accessTokenProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(accessTokenProvider);

        var settings = LoyaltyRefitSettings.Create((_, cancellationToken) => accessTokenProvider(cancellationToken));
        return RestService.ForGenerated<IMemberApi>(httpClient, settings);
    }

    /// <summary>
    /// Creates a member client that sends through <paramref name="innerHandler"/>, adding a bearer token from
    /// <paramref name="accessTokenProvider"/> to each request and retrying idempotent calls as <paramref name="retry"/> says
    /// (defaults when null).
    /// </summary>
    public static IMemberApi CreateMemberApi(
        HttpMessageHandler innerHandler, Uri baseAddress, Func<CancellationToken, ValueTask<string>> accessTokenProvider, LoyaltyRetryOptions? retry = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(innerHandler);
        ArgumentNullException.ThrowIfNull(baseAddress);

        var handler = new RetryHandler(retry, timeProvider) { InnerHandler = new BearerTokenHandler(accessTokenProvider) { InnerHandler = innerHandler } };
        return RestService.ForGenerated<IMemberApi>(new HttpClient(handler) { BaseAddress = baseAddress }, LoyaltyRefitSettings.Create());
    }
}
