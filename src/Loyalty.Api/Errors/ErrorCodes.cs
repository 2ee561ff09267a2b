namespace Loyalty.Api.Errors;

/// <summary>Codes the HTTP layer itself produces; use-case codes live with their use cases.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string InvalidJson = "invalid_json";
    public const string UnknownField = "unknown_field";
    public const string MalformedRequest = "malformed_request";
    public const string BodyRequired = "body_required";
    public const string InvalidParameter = "invalid_parameter";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string Internal = "internal_error";
    public const string IdempotencyKeyRequired = "idempotency_key_required";
    public const string IdempotencyKeyInvalid = "idempotency_key_invalid";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyRequestInFlight = "idempotency_request_in_flight";
    public const string IdempotencyResponseLost = "idempotency_response_lost";
    public const string ConcurrentUpdate = "concurrent_update";

    /// <summary>The code for a response that carries none of its own, by status.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        >= 500 => Internal,
        _ => "http_" + status,
    };
}
