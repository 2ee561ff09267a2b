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

    public async Task InvokeAsync(HttpContext context)
    {
        // An endpoint may raise the limit for itself (file uploads); routing has already picked the endpoint.
        var max = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = Problems.Create(413, ErrorCodes.PayloadTooLarge, "The request body is too large.", $"Send at most {max / 1024} KiB."),
            });
            return;
        }

        await next(context);
    }
}
