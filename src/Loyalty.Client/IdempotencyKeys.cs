namespace Loyalty.Client;

/// <summary>
/// Creates <c>Idempotency-Key</c> values for the partner API's writes.
/// </summary>
/// <remarks>
/// Create one key per logical operation (one enrolment, one receipt, one redemption) and, when retrying that
/// operation after a timeout or network error, send the same key again: the API then replays the first outcome
/// instead of acting twice. A new key means a new operation. The clients' <see cref="RetryHandler"/> does this for transient
/// failures by itself: it resends the same request, key included.
/// </remarks>
public static class IdempotencyKeys
{
    /// <summary>Returns a new random key (32 hex digits, GUID "N" format).</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
