using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// Who acts on account-management data: an administrator (<see cref="ManagerId"/> null: every portfolio) or an
/// account manager (only their own portfolio). The API resolves it from the token before the handler runs.
/// </summary>
public sealed record StaffCaller(string Actor, Guid? ManagerId)
{
    public bool IsManager => ManagerId is not null;
}

/// <summary>The portfolio rules every account-management use case applies, in one place.</summary>
public static class Portfolio
{
    /// <summary>
    /// The member must exist and, for a manager, be in their portfolio. A manager gets the same refusal for a
    /// member of someone else as for one that does not exist, so ids cannot be probed.
    /// </summary>
    public static async Task EnsureMemberAsync(ILoyaltyDbContext db, StaffCaller caller, Guid memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ManagerId is { } managerId)
        {
            if (!await db.PortfolioAssignments.AnyAsync(a => a.MemberId == memberId && a.ManagerId == managerId, cancellationToken))
            {
                throw OutsidePortfolio();
            }

            return;
        }

        if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
        {
            throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
        }
    }

    /// <summary>The manager a list is for: a manager only ever their own; an administrator whichever they ask for (null = all).</summary>
    public static Guid? ListScope(StaffCaller caller, Guid? requested)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ManagerId is { } own)
        {
            return requested is null || requested == own ? own : throw OutsidePortfolio();
        }

        return requested;
    }

    public static AppException OutsidePortfolio() =>
        AppException.Forbidden(ErrorCodes.OutsidePortfolio, "This member or list is in another account manager's portfolio.");

    public static async Task<AccountManager> FindManagerAsync(ILoyaltyDbContext db, Guid managerId, CancellationToken cancellationToken) =>
        await db.AccountManagers.SingleOrDefaultAsync(m => m.Id == managerId, cancellationToken)
        ?? throw AppException.NotFound(ErrorCodes.AccountManagerNotFound, "No account manager has this id.");

    public static AccountManagerResponse ToResponse(this AccountManager m, int members) =>
        new(m.Id, m.Subject, m.Name, m.Email, m.Capacity, m.Active, members, m.CreatedAt, m.UpdatedAt);

    public static AssignmentChangeResponse ToResponse(this AssignmentChange c) =>
        new(c.Id, c.MemberId, c.FromManagerId, c.ToManagerId, c.ChangedAt, c.ChangedBy, c.Reason);
}
