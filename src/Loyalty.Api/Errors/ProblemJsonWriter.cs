using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Loyalty.Api.Errors;

/// <summary>
/// Writes every problem as application/problem+json whatever the request's Accept header says. The framework's own
/// writer declines when Accept does not allow JSON (text/html, application/xml), which left a 429 or 413 as an empty
/// 500 with two logged stack traces, and 401/404 as text/plain; an API that only speaks JSON answers errors in JSON.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, context.HttpContext.RequestAborted));
    }
}
