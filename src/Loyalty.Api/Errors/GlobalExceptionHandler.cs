using Loyalty.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace Loyalty.Api.Errors;

/// <summary>
/// The last line: client mistakes that escaped endpoint filters (e.g. unreadable JSON) get their problem details;
/// anything else is logged with its stack trace and answered with a plain 500 that reveals nothing.
/// </summary>
public sealed partial class GlobalExceptionHandler(IProblemDetailsService problemDetails, ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Problems.FromException(exception);
        if (problem is null)
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Create(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Something went wrong on our side.", "The error was logged; quote the traceId if you contact support.");
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
