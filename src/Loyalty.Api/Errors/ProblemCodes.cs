using Loyalty.Contracts;

namespace Loyalty.Api.Errors;

/// <summary>The code of a problem response whose cause gave none; every code itself is in <see cref="ErrorCodes"/>.</summary>
public static class ProblemCodes
{
    /// <summary>The code for a response that carries none of its own, by status.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => ErrorCodes.MalformedRequest,
        401 => ErrorCodes.Unauthenticated,
        403 => ErrorCodes.Forbidden,
        404 => ErrorCodes.NotFound,
        405 => ErrorCodes.MethodNotAllowed,
        413 => ErrorCodes.PayloadTooLarge,
        415 => ErrorCodes.UnsupportedMediaType,
        429 => ErrorCodes.RateLimited,
        >= 500 => ErrorCodes.InternalError,
        _ => "http_" + status,
    };
}
