using System.Runtime.CompilerServices;
using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Ledger;

namespace Loyalty.Application.Common;

/// <summary>
/// Points earned and redeemed, counted when the ledger entries commit: <see cref="Add"/> holds an entry's points on its
/// context until the database layer reports that the context's transaction committed (or that a save outside one
/// succeeded), and then adds them to <see cref="LoyaltyTelemetry.PointsEarned"/> and
/// <see cref="LoyaltyTelemetry.PointsRedeemed"/>; a unit of work refused or rolled back after adding its entries adds
/// nothing. Nothing is held while no one collects the counters. A context serves one flow at a time, so its tally
/// needs no lock.
/// </summary>
public static class LedgerTelemetry
{
    private static readonly ConditionalWeakTable<object, Tally> Tallies = [];

    /// <summary>Holds an Earn, Bonus or Redeem entry's points until <paramref name="db"/>'s transaction commits.</summary>
    public static void Add(ILoyaltyDbContext db, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        if (!LoyaltyTelemetry.PointsEarned.Enabled && !LoyaltyTelemetry.PointsRedeemed.Enabled)
        {
            return;
        }

        var (earned, redeemed) = entry.Type switch
        {
            LedgerEntryType.Earn or LedgerEntryType.Bonus => (entry.Points + entry.PendingPoints, 0L),
            LedgerEntryType.Redeem => (0L, -entry.Points),
            _ => (0L, 0L),
        };
        if (earned == 0 && redeemed == 0)
        {
            return;
        }

        var tally = Tallies.GetOrCreateValue(db);
        tally.JoinTransaction(db.Database.CurrentTransaction?.TransactionId);
        tally.Earned += earned;
        tally.Redeemed += redeemed;
    }

    /// <summary>The context began a transaction: what it held since its last one ended joins this one (a deferred unit of work adds entries before its first write begins it).</summary>
    public static void TransactionStarted(object context, Guid transactionId)
    {
        if (Tallies.TryGetValue(context, out var tally))
        {
            tally.JoinTransaction(transactionId);
        }
    }

    public static void TransactionCommitted(object context, Guid transactionId)
    {
        if (Tallies.TryGetValue(context, out var tally) && tally.Transaction == transactionId)
        {
            tally.Count();
        }
    }

    public static void TransactionRolledBack(object context, Guid transactionId)
    {
        if (Tallies.TryGetValue(context, out var tally) && tally.Transaction == transactionId)
        {
            tally.Clear();
        }
    }

    /// <summary>A save outside any transaction succeeded (it committed by itself) or failed.</summary>
    public static void SavedWithoutTransaction(object context, bool succeeded)
    {
        if (Tallies.TryGetValue(context, out var tally) && tally.Transaction is null)
        {
            if (succeeded)
            {
                tally.Count();
            }
            else
            {
                tally.Clear();
            }
        }
    }

    /// <summary>The unit of work failed: it rolls back, so nothing it added is counted.</summary>
    public static void Discard(object context)
    {
        if (Tallies.TryGetValue(context, out var tally))
        {
            tally.Clear();
        }
    }

    private sealed class Tally
    {
        public Guid? Transaction { get; private set; }

        public long Earned { get; set; }

        public long Redeemed { get; set; }

        /// <summary>
        /// Points held for another transaction belong to one that ended without a commit (a disposed transaction
        /// reports nothing): they are dropped. Points held outside any transaction join it.
        /// </summary>
        public void JoinTransaction(Guid? transaction)
        {
            if (Transaction is { } held && held != transaction)
            {
                Clear();
            }

            Transaction = transaction;
        }

        public void Count()
        {
            if (Earned != 0)
            {
                LoyaltyTelemetry.PointsEarned.Add(Earned);
            }

            if (Redeemed != 0)
            {
                LoyaltyTelemetry.PointsRedeemed.Add(Redeemed);
            }

            Clear();
        }

        public void Clear()
        {
            Earned = 0;
            Redeemed = 0;
            Transaction = null;
        }
    }
}
