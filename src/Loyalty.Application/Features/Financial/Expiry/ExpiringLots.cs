using System.Linq.Expressions;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Expiry;

/// <summary>A member's spendable lots that have an expiry date and points left.</summary>
public static class ExpiringLots
{
    /// <summary>A lot that will expire with points still spendable in it.</summary>
    private static readonly Expression<Func<PointsLot, bool>> WillExpire = l => !l.IsPending && l.Remaining > 0 && l.ExpiresAt != null;

    public static IQueryable<PointsLot> Of(ILoyaltyDbContext db, Guid memberId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).Where(WillExpire);
    }

    public static ExpiringPoints ToContract(ExpiryDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new ExpiringPoints(day.Date, day.Points, day.ExpiresAt);
    }
}
