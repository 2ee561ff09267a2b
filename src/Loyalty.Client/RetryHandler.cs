using System.Net;

namespace Loyalty.Client;

/// <summary>
/// Retries transient failures (connection errors, 408, 429, 502, 503, 504, and a 409 <c>idempotency_request_in_flight</c>
/// while the API still works on an earlier attempt) of idempotent calls only: GET/HEAD, and
/// writes that carry an <c>Idempotency-Key</c>. The request is sent again as it is, so every attempt carries the same key
/// and the API replays the first outcome instead of acting twice. A write without a key is never retried.
/// </summary>
/// <remarks>Backoff is exponential with jitter; a <c>Retry-After</c> from the API is honoured.</remarks>
public sealed class RetryHandler : DelegatingHandler
{
    /// <summary>Name of the header that makes a write safe to retry.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly LoyaltyRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Attempts and delays; null for the defaults.</param>
    /// <param name="timeProvider">Clock used to wait between attempts; <see cref="TimeProvider.System"/> when null.</param>
    public RetryHandler(LoyaltyRetryOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, Random.Shared.NextDouble)
    {
    }

    internal RetryHandler(LoyaltyRetryOptions? options, TimeProvider? timeProvider, Func<double> random)
    {
        _options = options ?? new LoyaltyRetryOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _random = random;
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
        if (_options.MaxAttempts == 1 || !IsRetryable(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.Content is not null)
        {
            // The body must be readable once per attempt.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < _options.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= _options.MaxAttempts || !await IsTransientAsync(response, cancellationToken).ConfigureAwait(false))
            {
                return response;
            }

            var delay = Backoff(attempt);
            if (ProblemDetailsExceptionFactory.RetryAfter(response, _time.GetUtcNow()) is { } retryAfter)
            {
                if (retryAfter > _options.MaxDelay)
                {
                    return response; // the caller decides whether to wait that long
                }

                delay = retryAfter;
            }

            response.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            return true;
        }

        // The earlier attempt of this key is still running (its answer was lost to a timeout): ask again for its outcome.
        if (response.StatusCode == HttpStatusCode.Conflict && response.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Contains("\"idempotency_request_in_flight\"", StringComparison.Ordinal);
        }

        return false;
    }

    // Exponential with "equal jitter": half the step fixed, half random, so clients that failed together spread out.
    private TimeSpan Backoff(int attempt)
    {
        var step = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(step, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (_random() * capped / 2));
    }
}
