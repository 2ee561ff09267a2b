using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Ledger;

/// <summary>
/// The only code that changes a balance. Each change is one set-based UPDATE of the account (a debit only
/// matches while the balance covers it, so two racing debits cannot both pass) plus its ledger entry, inside
/// the caller's transaction. Works the same on SQLite, SQL Server and PostgreSQL.
/// </summary>
public sealed class PointsLedger(ILoyaltyDbContext db, TimeProvider clock)
{
    /// <summary>Adds points and returns the new available balance.</summary>
    public async Task<long> CreditAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Points <= 0)
        {
            throw new ArgumentException("A credit adds points.", nameof(entry));
        }

        var points = entry.Points;
        var earned = entry.Type is LedgerEntryType.Earn or LedgerEntryType.Bonus ? points : 0;
        var now = clock.GetUtcNow();
        var updated = await db.PointsAccounts
            .Where(a => a.MemberId == entry.MemberId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Available, a => a.Available + points)
                      .SetProperty(a => a.LifetimeEarned, a => a.LifetimeEarned + earned)
                      .SetProperty(a => a.UpdatedAt, now),
                cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Member {entry.MemberId} has no points account.");
        }

        return await AppendAsync(entry, cancellationToken);
    }

    /// <summary>Takes points if the balance covers them; returns the new balance, or null when it does not.</summary>
    public async Task<long?> TryDebitAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Points >= 0)
        {
            throw new ArgumentException("A debit takes points.", nameof(entry));
        }

        var points = -entry.Points;
        var now = clock.GetUtcNow();
        var updated = await db.PointsAccounts
            .Where(a => a.MemberId == entry.MemberId && a.Available >= points)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Available, a => a.Available - points)
                      .SetProperty(a => a.UpdatedAt, now),
                cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        return await AppendAsync(entry, cancellationToken);
    }

    public Task<long> AvailableAsync(Guid memberId, CancellationToken cancellationToken) =>
        db.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Available).SingleAsync(cancellationToken);

    private async Task<long> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);

        // Our UPDATE holds the account's row lock until commit, so this read sees exactly our result.
        return await AvailableAsync(entry.MemberId, cancellationToken);
    }
}
