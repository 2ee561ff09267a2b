using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Loyalty.Api.Auth;

/// <summary>
/// Every policy names the one scheme its audience uses (bearer or API key), so the default evaluator authenticates
/// that scheme a second time after the authentication middleware already did through the caller scheme, and wraps the
/// same identities in a new principal and ticket on every request. When the middleware's result is a success of
/// exactly the policy's scheme and is still the request's user, that result is what the second pass would give (a
/// handler authenticates once per request and returns its first answer), so it is used as it is. Anything else — no
/// result, a failure, another scheme (an API key sent to a member route), several schemes — is evaluated as before.
/// </summary>
public sealed class SingleAuthenticationPolicyEvaluator(IAuthorizationService authorization) : PolicyEvaluator(authorization)
{
    public override Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        if (policy.AuthenticationSchemes is [var scheme]
            && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true, Ticket: { } ticket } result
            && string.Equals(ticket.AuthenticationScheme, scheme, StringComparison.Ordinal)
            && ReferenceEquals(context.User, ticket.Principal))
        {
            return Task.FromResult(result);
        }

        return base.AuthenticateAsync(policy, context);
    }
}
