using Loyalty.Api.Errors;
using Loyalty.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Loyalty.Api.Auth;

/// <summary>
/// A 403 says what was missing: the API key scope (<c>required_scope</c>) or the staff roles any one of which would do
/// (<c>required_role</c>). Both come from the route's own policy, so the answer is the same for every caller and says
/// nothing about other partners or their objects.
/// </summary>
public sealed class ForbiddenProblemHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            if (failure.FailureReasons.OfType<PortfolioFailure>().FirstOrDefault() is { } portfolio)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = Problems.Create(StatusCodes.Status403Forbidden, portfolio.Code, "Not allowed.", portfolio.Message),
                });
                return;
            }

            var scope = failure.FailedRequirements.OfType<ClaimsAuthorizationRequirement>()
                .Where(r => r.ClaimType == LoyaltyClaims.Scope).SelectMany(r => r.AllowedValues ?? []).FirstOrDefault();
            var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList() ?? [];
            string[]? roles = policies.Contains(AuthSetup.AdminPolicy) ? ["admin"]
                : policies.Contains(AuthSetup.ProgrammePolicy) ? ["admin", "marketing"]
                : policies.Contains(AuthSetup.AccountManagementPolicy) ? ["admin", PortfolioAuthorizationHandler.Role]
                : null;
            if (scope is not null || (roles is not null && failure.FailedRequirements.Any(r => r is AssertionRequirement)))
            {
                var detail = scope is not null
                    ? $"This operation needs an API key with the scope '{scope}'."
                    : $"This operation needs the staff role {string.Join(" or ", roles!.Select(r => $"'{r}'"))}.";
                var problem = Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Not allowed.", detail);
                if (scope is not null)
                {
                    problem.Extensions["required_scope"] = scope;
                }
                else
                {
                    problem.Extensions["required_role"] = roles;
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                return;
            }
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
