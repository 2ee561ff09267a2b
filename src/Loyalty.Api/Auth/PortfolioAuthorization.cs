using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Auth;

/// <summary>
/// The portfolio rule of the account-management routes, checked before anything is bound or run: an administrator
/// passes; an account manager must be registered and active, and may only name a member of their own portfolio
/// (route value <c>memberId</c>) and only their own list (query <c>managerId</c>). Every route of the audience gets
/// it from the policy, so a new route cannot forget it; the handlers check the portfolio again on their data.
/// </summary>
public sealed class PortfolioRequirement : IAuthorizationRequirement;

/// <summary>Why a manager was refused; <see cref="ForbiddenProblemHandler"/> writes the code.</summary>
public sealed class PortfolioFailure(IAuthorizationHandler handler, string code, string message) : AuthorizationFailureReason(handler, message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Checks <see cref="PortfolioRequirement"/>. A singleton that takes the request's context only when it reads: the
/// authorisation service resolves every registered handler for every policy, so a scoped handler holding a context
/// would rent one for each member read and partner call as well.
/// </summary>
public sealed class PortfolioAuthorizationHandler : AuthorizationHandler<PortfolioRequirement>
{
    private const string CallerKey = "loyalty.staff-caller";

    public const string Role = "account-manager";

    /// <summary>The caller this handler resolved for the current request.</summary>
    public static StaffCaller CallerOf(HttpContext http) =>
        http.Items[CallerKey] as StaffCaller ?? throw new InvalidOperationException("The account-management policy did not run for this route.");

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PortfolioRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return;
        }

        var user = context.User;
        if (user.HasRole("admin"))
        {
            http.Items[CallerKey] = new StaffCaller(user.GetActor(), null);
            context.Succeed(requirement);
            return;
        }

        if (!user.HasRole(Role) || user.FindFirst(LoyaltyClaims.Subject)?.Value is not { } subject)
        {
            return; // the role assertion refuses it, naming the roles that would do
        }

        var db = http.RequestServices.GetRequiredService<ILoyaltyDbContext>();
        var managerId = await db.AccountManagers.AsNoTracking().Where(m => m.Subject == subject && m.Active).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(http.RequestAborted);
        if (managerId is not { } own)
        {
            context.Fail(new PortfolioFailure(this, ErrorCodes.NotAnAccountManager, "No active account manager is registered for this staff user."));
            return;
        }

        var asked = http.Request.Query["managerId"];
        if (asked.Count > 0 && !(asked.Count == 1 && Guid.TryParse(asked[0], out var listed) && listed == own))
        {
            context.Fail(new PortfolioFailure(this, ErrorCodes.OutsidePortfolio, "Account managers see only their own portfolio."));
            return;
        }

        if (http.Request.RouteValues.TryGetValue("memberId", out var raw) && raw is not null)
        {
            var ok = Guid.TryParse(raw.ToString(), out var memberId)
                     && await db.PortfolioAssignments.AsNoTracking().AnyAsync(a => a.MemberId == memberId && a.ManagerId == own, http.RequestAborted);
            if (!ok)
            {
                context.Fail(new PortfolioFailure(this, ErrorCodes.OutsidePortfolio, "This member is not in your portfolio."));
                return;
            }
        }

        http.Items[CallerKey] = new StaffCaller(user.GetActor(), own);
        context.Succeed(requirement);
    }
}
