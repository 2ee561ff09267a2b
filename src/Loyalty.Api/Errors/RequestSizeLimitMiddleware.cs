using Loyalty.Contracts;
using Microsoft.AspNetCore.Http.Metadata;

namespace Loyalty.Api.Errors;

/// <summary>
/// Refuses a declared oversize body before anything reads it, with a clear 413. Kestrel is configured with the
/// same limit (Program.cs) and guards bodies sent without a Content-Length.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        // Only a declared body can be refused here (most requests, GETs and probes, have none: they pass untouched).
        if (context.Request.ContentLength is { } length)
        {
            // An endpoint may raise the limit for itself (file uploads); routing has already picked the endpoint.
            var max = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
            if (length > max)
            {
                return RefuseAsync(context, max);
            }
        }

        return next(context);
    }

    private Task RefuseAsync(HttpContext context, long max)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problems.Create(413, ErrorCodes.PayloadTooLarge, "The request body is too large.", $"Send at most {max / 1024} KiB."),
        }).AsTask();
    }
}
