namespace Loyalty.Api.Errors;

/// <summary>
/// Turns a client's mistake into a problem response inside the endpoint, so it is an ordinary response that the
/// idempotency layer can store and replay. Server faults keep propagating to the global handler.
/// </summary>
public sealed class ProblemEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (Problems.FromException(exception) is { } problem)
        {
            return TypedResults.Problem(problem);
        }
    }
}
