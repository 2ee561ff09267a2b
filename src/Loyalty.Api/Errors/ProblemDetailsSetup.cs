using System.Diagnostics;

namespace Loyalty.Api.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>Every problem gets a stable <c>code</c> and a <c>traceId</c>; empty error responses (401, 404, ...) get a body.</summary>
    public static IServiceCollection AddLoyaltyProblemDetails(this IServiceCollection services)
    {
        // Registered before AddProblemDetails adds the framework's writer, so it is the one chosen for every problem.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey("code"))
            {
                var code = ProblemCodes.ForStatus(status);
                problem.Extensions["code"] = code;
                problem.Type = Problems.TypeFor(code);
                problem.Detail ??= status switch
                {
                    401 => "Send a bearer token (members, staff) or an X-Api-Key header (partners).",
                    403 => "Your credentials do not allow this operation.",
                    404 => "There is nothing at this address.",
                    405 => "This address does not accept this HTTP method.",
                    _ => null,
                };
            }

            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();
        return services;
    }
}
