using System.Linq.Expressions;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Expiry;

/// <summary>A member's spendable lots that have an expiry date and points left.</summary>
public static class ExpiringLots
{
    /// <summary>A lot that will expire with points still spendable in it; usable inside other queries too.</summary>
    public static readonly Expression<Func<PointsLot, bool>> WillExpire = l => !l.IsPending && l.Remaining > 0 && l.ExpiresAt != null;

    // Compiled once (see HotQuery): every balance read of a member whose points expire runs it.
    private static readonly HotQuery<Func<DbContext, Guid, DateTimeOffset, CancellationToken, Task<long>>> PointsBefore = new(() =>
        EF.CompileAsyncQuery((DbContext db, Guid memberId, DateTimeOffset end, CancellationToken ct) =>
            db.Set<PointsLot>().AsNoTracking().Where(l => l.MemberId == memberId).Where(WillExpire).Where(l => l.ExpiresAt < end).Sum(l => l.Remaining)));

    public static IQueryable<PointsLot> Of(ILoyaltyDbContext db, Guid memberId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).Where(WillExpire);
    }

    /// <summary>All the member's points that expire on the UTC day of <paramref name="firstAt"/>, their first expiry.</summary>
    public static async Task<ExpiringPoints> OnDayOfAsync(ILoyaltyDbContext db, Guid memberId, DateTimeOffset firstAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dayEnd = new DateTimeOffset(firstAt.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var points = await PointsBefore.For(db)((DbContext)db, memberId, dayEnd, cancellationToken);
        return ToContract(new ExpiryDay(DateOnly.FromDateTime(firstAt.UtcDateTime), points, firstAt.ToUniversalTime()));
    }

    public static ExpiringPoints ToContract(ExpiryDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new ExpiringPoints(day.Date, day.Points, day.ExpiresAt);
    }
}
