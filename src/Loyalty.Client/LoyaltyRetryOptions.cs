namespace Loyalty.Client;

/// <summary>How <see cref="RetryHandler"/> retries transient failures of idempotent calls.</summary>
public sealed class LoyaltyRetryOptions
{
    /// <summary>Attempts per call, the first included; 1 turns retries off. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry, doubled for each further one (with jitter). Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Longest wait before a retry. A <c>Retry-After</c> longer than this is not waited for: the 429/503 is returned
    /// to the caller instead. Default 30 s.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt is needed.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), "Delays cannot be negative.");
        }
    }
}
