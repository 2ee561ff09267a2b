namespace Loyalty.Client;

/// <summary>400: the request was malformed or failed validation; <see cref="LoyaltyApiException.Errors"/> holds the field errors.</summary>
public sealed class LoyaltyValidationException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance);

/// <summary>401: the API key or access token is missing, invalid, revoked or expired.</summary>
public sealed class LoyaltyAuthenticationException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance);

/// <summary>403: the caller is known but may not do this, e.g. an API key without the scope or another partner's store.</summary>
public sealed class LoyaltyForbiddenException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance);

/// <summary>404: the member, purchase, redemption, voucher or event does not exist (or is not visible to the caller).</summary>
public sealed class LoyaltyNotFoundException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance);

/// <summary>
/// 409: the request conflicts with the current state, e.g. a duplicate external id, or an idempotency key reused with
/// a different body or while its first request is still running.
/// </summary>
public sealed class LoyaltyConflictException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance);

/// <summary>422: a programme rule refused the request, e.g. <c>insufficient_points</c> or <c>member_suspended</c>.</summary>
public sealed class LoyaltyBusinessRuleException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance);

/// <summary>429: too many requests; wait <see cref="RetryAfter"/> (when the API said) before trying again.</summary>
public sealed class LoyaltyRateLimitedException(
    int status, string code, string? title = null, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null,
    string? traceId = null, string? type = null, string? instance = null, TimeSpan? retryAfter = null)
    : LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance)
{
    /// <summary>How long the API asked the caller to wait, from the <c>Retry-After</c> header; null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
