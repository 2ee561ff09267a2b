using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace Loyalty.Client;

/// <summary>Registers the Loyalty API clients with <see cref="IHttpClientFactory"/>.</summary>
public static class LoyaltyClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPartnerApi"/>. Options are validated when the client is first created (or at host start).
    /// Use the returned builder to add resilience or more handlers.
    /// </summary>
    public static IHttpClientBuilder AddLoyaltyPartnerClient(this IServiceCollection services, Action<LoyaltyPartnerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<LoyaltyPartnerClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, $"{nameof(LoyaltyPartnerClientOptions)}.{nameof(LoyaltyPartnerClientOptions.BaseAddress)} must be an absolute URI.")
            .Validate(o => o.Retry is { MaxAttempts: >= 1 }, $"{nameof(LoyaltyPartnerClientOptions)}.{nameof(LoyaltyPartnerClientOptions.Retry)}.{nameof(LoyaltyRetryOptions.MaxAttempts)} must be at least 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), $"{nameof(LoyaltyPartnerClientOptions)}.{nameof(LoyaltyPartnerClientOptions.ApiKey)} is required.")
            .ValidateOnStart();

        return services.AddRefitGeneratedClient<IPartnerApi>(LoyaltyRefitSettings.Create())
            .ConfigureHttpClient((sp, client) => client.BaseAddress = PartnerOptions(sp).BaseAddress)
            .AddHttpMessageHandler(sp => new RetryHandler(PartnerOptions(sp).Retry, sp.GetService<TimeProvider>()))
            .AddHttpMessageHandler(sp => new ApiKeyHandler(PartnerOptions(sp).ApiKey!));
    }

    /// <summary>
    /// Registers <see cref="IMemberApi"/>. Options are validated when the client is first created (or at host start).
    /// Use the returned builder to add resilience or more handlers.
    /// </summary>
    public static IHttpClientBuilder AddLoyaltyMemberClient(this IServiceCollection services, Action<LoyaltyMemberClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<LoyaltyMemberClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, $"{nameof(LoyaltyMemberClientOptions)}.{nameof(LoyaltyMemberClientOptions.BaseAddress)} must be an absolute URI.")
            .Validate(o => o.Retry is { MaxAttempts: >= 1 }, $"{nameof(LoyaltyMemberClientOptions)}.{nameof(LoyaltyMemberClientOptions.Retry)}.{nameof(LoyaltyRetryOptions.MaxAttempts)} must be at least 1.")
            .Validate(o => o.AccessTokenProvider is not null, $"{nameof(LoyaltyMemberClientOptions)}.{nameof(LoyaltyMemberClientOptions.AccessTokenProvider)} is required.")
            .ValidateOnStart();

        return services.AddRefitGeneratedClient<IMemberApi>(LoyaltyRefitSettings.Create())
            .ConfigureHttpClient((sp, client) => client.BaseAddress = MemberOptions(sp).BaseAddress)
            .AddHttpMessageHandler(sp => new RetryHandler(MemberOptions(sp).Retry, sp.GetService<TimeProvider>()))
            .AddHttpMessageHandler(sp =>
            {
                var provider = MemberOptions(sp).AccessTokenProvider!;
                return new BearerTokenHandler(cancellationToken => provider(sp, cancellationToken));
            });
    }

    /// <summary>
    /// Registers <see cref="IPartnerApi"/> if <see cref="LoyaltyClientOptions.ApiKey"/> is set and <see cref="IMemberApi"/>
    /// if <see cref="LoyaltyClientOptions.AccessTokenProvider"/> is set. <paramref name="configure"/> runs once, now.
    /// </summary>
    /// <exception cref="ArgumentException">Neither credential is set.</exception>
    public static IServiceCollection AddLoyaltyClient(this IServiceCollection services, Action<LoyaltyClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new LoyaltyClientOptions();
        configure(options);

        if (string.IsNullOrWhiteSpace(options.ApiKey) && options.AccessTokenProvider is null)
        {
            throw new ArgumentException(
                $"Set {nameof(LoyaltyClientOptions.ApiKey)} (partner API), {nameof(LoyaltyClientOptions.AccessTokenProvider)} (member API) or both.",
                nameof(configure));
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            services.AddLoyaltyPartnerClient(o =>
            {
                o.BaseAddress = options.BaseAddress;
                o.ApiKey = options.ApiKey;
                o.Retry = options.Retry;
            });
        }

        if (options.AccessTokenProvider is not null)
        {
            services.AddLoyaltyMemberClient(o =>
            {
                o.BaseAddress = options.BaseAddress;
                o.AccessTokenProvider = options.AccessTokenProvider;
                o.Retry = options.Retry;
            });
        }

        return services;
    }

    private static LoyaltyPartnerClientOptions PartnerOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<LoyaltyPartnerClientOptions>>().Value;

    private static LoyaltyMemberClientOptions MemberOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<LoyaltyMemberClientOptions>>().Value;
}
