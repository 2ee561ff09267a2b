using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Loyalty.Client;

/// <summary>The Polly retry strategy behind <see cref="RetryHandler"/>.</summary>
internal static class LoyaltyRetryPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(LoyaltyRetryOptions options, TimeProvider time, Func<double> random)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(Strategy(options, time, random));
        }

        return builder.Build();
    }

    public static HttpRetryStrategyOptions Strategy(LoyaltyRetryOptions options, TimeProvider time, Func<double> random) => new()
    {
        MaxRetryAttempts = options.MaxAttempts - 1,
        ShouldRetryAfterHeader = false, // the delay generator below honours it, within MaxDelay
        ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, options, time),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            (args.Outcome.Result is { } response ? ProblemDetailsExceptionFactory.RetryAfter(response, time.GetUtcNow()) : null)
            ?? Backoff(options, args.AttemptNumber, random)),
    };

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, LoyaltyRetryOptions options, TimeProvider time)
    {
        if (context.CancellationToken.IsCancellationRequested || context.GetRequestMessage() is not { } request || !RetryHandler.IsRetryable(request))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        if (ProblemDetailsExceptionFactory.RetryAfter(response, time.GetUtcNow()) > options.MaxDelay)
        {
            return false; // the caller decides whether to wait that long
        }

        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            return true;
        }

        // The earlier attempt of this key is still running (its answer was lost to a timeout): ask again for its outcome.
        if (response.StatusCode == HttpStatusCode.Conflict && response.Content is { } content)
        {
            await content.LoadIntoBufferAsync(context.CancellationToken).ConfigureAwait(false);
            var body = await content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false);
            return body.Contains("\"idempotency_request_in_flight\"", StringComparison.Ordinal);
        }

        return false;
    }

    // Exponential with "equal jitter": half the step fixed, half random, so clients that failed together spread out.
    // Polly's own jitter may go above the step, so the delay is generated here.
    private static TimeSpan Backoff(LoyaltyRetryOptions options, int attemptNumber, Func<double> random)
    {
        var step = options.BaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber);
        var capped = Math.Min(step, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random() * capped / 2));
    }
}
