using Microsoft.Extensions.Http.Resilience;

namespace Loyalty.Client;

/// <summary>
/// Retries transient failures (connection errors, 408, 429, 502, 503, 504, and a 409 <c>idempotency_request_in_flight</c>
/// while the API still works on an earlier attempt) of idempotent calls only: GET/HEAD, and
/// writes that carry an <c>Idempotency-Key</c>. The request is sent again as it is, so every attempt carries the same key
/// and the API replays the first outcome instead of acting twice. A write without a key is never retried.
/// </summary>
/// <remarks>
/// A <see cref="ResilienceHandler"/> over a Polly retry pipeline. Backoff is exponential with jitter, capped by
/// <see cref="LoyaltyRetryOptions.MaxDelay"/>; a <c>Retry-After</c> from the API is honoured.
/// </remarks>
public sealed class RetryHandler : ResilienceHandler
{
    /// <summary>Name of the header that makes a write safe to retry.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly bool _retries;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Attempts and delays; null for the defaults.</param>
    /// <param name="timeProvider">Clock used to wait between attempts; <see cref="TimeProvider.System"/> when null.</param>
    public RetryHandler(LoyaltyRetryOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, Random.Shared.NextDouble)
    {
    }

    internal RetryHandler(LoyaltyRetryOptions? options, TimeProvider? timeProvider, Func<double> random)
        : base(LoyaltyRetryPipeline.Build(Validated(options), timeProvider ?? TimeProvider.System, random))
    {
        _retries = options is null || options.MaxAttempts > 1;
    }

    /// <summary>Whether a request may be sent more than once without acting twice.</summary>
    public static bool IsRetryable(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == HttpMethod.Get
            || request.Method == HttpMethod.Head
            || (request.Headers.TryGetValues(IdempotencyKeyHeader, out var keys) && keys.Any(k => !string.IsNullOrWhiteSpace(k)));
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_retries && request.Content is not null && IsRetryable(request))
        {
            // The body must be readable once per attempt.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static LoyaltyRetryOptions Validated(LoyaltyRetryOptions? options)
    {
        options ??= new LoyaltyRetryOptions();
        options.Validate();
        return options;
    }
}
