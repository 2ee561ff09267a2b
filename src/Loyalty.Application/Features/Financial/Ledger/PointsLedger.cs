using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Domain.Financial.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Ledger;

/// <summary>How long newly earned points stay pending: until a date, or (no date) until the partner confirms the order.</summary>
public sealed record PendingTerms(DateTimeOffset? Until);

/// <summary>The outcome of a debit: the new available balance and the lots it took the points from (oldest first).</summary>
public sealed record Debit(long Available, IReadOnlyList<LotPortion> Portions);

/// <summary>Points taken from one lot, with that lot's expiry, so a transfer can hand them on with the same date.</summary>
public sealed record LotPortion(long LotId, long Points, DateTimeOffset? ExpiresAt);

/// <summary>
/// The only code that changes a balance. Each change is one set-based update of the account (<see cref="IAccountBalances"/>;
/// a debit only matches while the balance covers it, so two racing debits cannot both pass) plus its ledger entry and lot bookkeeping,
/// inside the caller's transaction. The account's row lock, taken by that update, serialises everything a member's
/// lots go through (spending, holds, expiry), on SQLite, SQL Server and PostgreSQL alike.
/// </summary>
public sealed class PointsLedger(ILoyaltyDbContext db, IAccountBalances accounts, PointsPolicyCache policies, TimeProvider clock)
{
    private const int LotPage = 32;

    /// <summary>
    /// Credits earned points: available at once, or pending under <paramref name="pending"/>. Returns the new available
    /// balance. The rows stay in the unit of work, which saves them in one batch with its idempotency record's
    /// response, untracked (a purchase needs no id the save would give; see <see cref="ILoyaltyDbContext.InsertWithUnitOfWork{T}"/>).
    /// </summary>
    public async Task<long> EarnAsync(LedgerEntry entry, PendingTerms? pending, CancellationToken cancellationToken)
    {
        if (pending is null)
        {
            return await CreditAsync(entry, save: false, cancellationToken);
        }

        entry.MakePending();
        var policy = await policies.GetAsync(db, cancellationToken);
        var available = await UpdateAccountAsync(entry.MemberId, available: 0, pending: entry.PendingPoints, held: 0, earned: entry.PendingPoints, cancellationToken);
        db.InsertWithUnitOfWork(PointsLot.Pending(entry.MemberId, entry.PendingPoints, entry.OccurredAt, policy.Expiry.ExpiresAt(entry.OccurredAt), pending.Until, entry.PurchaseId));
        return await AppendAsync(entry, available, save: false, cancellationToken);
    }

    /// <summary>
    /// Earns many entries at once (the bulk import) exactly as <see cref="EarnAsync"/> would one after another, in
    /// list order: one account update for all members, then the lots and entries in one save.
    /// </summary>
    public async Task EarnManyAsync(IReadOnlyList<(LedgerEntry Entry, PendingTerms? Pending)> earns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(earns);
        if (earns.Count == 0)
        {
            return;
        }

        if (earns.Any(e => e.Entry.Type != LedgerEntryType.Earn || e.Entry.Points <= 0))
        {
            throw new ArgumentException("Only earn entries with points can be earned together.", nameof(earns));
        }

        var policy = await policies.GetAsync(db, cancellationToken);
        foreach (var (entry, pending) in earns)
        {
            if (pending is not null)
            {
                entry.MakePending();
            }
        }

        var deltas = earns.GroupBy(e => e.Entry.MemberId)
            .Select(g => new AccountDelta(g.Key, g.Sum(e => e.Entry.Points), g.Sum(e => e.Entry.PendingPoints), g.Sum(e => e.Entry.Points + e.Entry.PendingPoints)))
            .ToList();
        var finalAvailable = await accounts.ApplyManyAsync(deltas, clock.GetUtcNow(), cancellationToken);

        // The balance each entry would have seen one by one: the final one less what the member's later entries added.
        var added = deltas.ToDictionary(d => d.MemberId, d => d.Available);
        var availableBefore = finalAvailable.ToDictionary(a => a.Key, a => a.Value - added[a.Key]);
        foreach (var (entry, pending) in earns)
        {
            var available = availableBefore[entry.MemberId] += entry.Points;
            if (pending is not null)
            {
                db.PointsLots.Add(PointsLot.Pending(entry.MemberId, entry.PendingPoints, entry.OccurredAt, policy.Expiry.ExpiresAt(entry.OccurredAt), pending.Until, entry.PurchaseId));
            }
            else
            {
                AddLots(entry.MemberId, entry.OccurredAt, entry.PurchaseId, [new LotPortion(0, entry.Points, policy.Expiry.ExpiresAt(entry.OccurredAt))], available, untracked: false);
            }

            db.LedgerEntries.Add(entry);
            WriteTransaction.Count(db, entry);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds available points as a new lot expiring under the programme's policy. Returns the new available balance.</summary>
    public Task<long> CreditAsync(LedgerEntry entry, CancellationToken cancellationToken) => CreditAsync(entry, save: true, cancellationToken);

    private async Task<long> CreditAsync(LedgerEntry entry, bool save, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(db, cancellationToken);
        return await CreditLotsAsync(entry, [new LotPortion(0, entry.Points, policy.Expiry.ExpiresAt(entry.OccurredAt))], save, cancellationToken);
    }

    /// <summary>
    /// Adds available points as lots with the given expiry dates (a transfer keeps the dates the points had).
    /// Where the balance was negative, the new points pay that back first and only the rest forms lots.
    /// </summary>
    public Task<long> CreditLotsAsync(LedgerEntry entry, IReadOnlyList<LotPortion> portions, CancellationToken cancellationToken) =>
        CreditLotsAsync(entry, portions, save: true, cancellationToken);

    private async Task<long> CreditLotsAsync(LedgerEntry entry, IReadOnlyList<LotPortion> portions, bool save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(portions);
        if (entry.Points <= 0 || entry.PendingPoints != 0 || portions.Sum(p => p.Points) != entry.Points)
        {
            throw new ArgumentException("A credit adds available points, split into portions that add up to them.", nameof(entry));
        }

        var earned = entry.Type is LedgerEntryType.Earn or LedgerEntryType.Bonus ? entry.Points : 0;
        var available = await UpdateAccountAsync(entry.MemberId, entry.Points, pending: 0, held: 0, earned, cancellationToken);
        AddLots(entry.MemberId, entry.OccurredAt, entry.PurchaseId, portions, available, untracked: !save);
        return await AppendAsync(entry, available, save, cancellationToken);
    }

    /// <summary>Takes points if the balance covers them, oldest lots first; returns the new balance, or null when it does not.</summary>
    public async Task<long?> TryDebitAsync(LedgerEntry entry, CancellationToken cancellationToken) =>
        (await TryDebitAsync(entry, trackAs: null, cancellationToken))?.Available;

    /// <summary>
    /// Takes points if the balance covers them, oldest lots first. With <paramref name="trackAs"/>, remembers which
    /// lots gave how much, so <see cref="ReleaseHoldAsync"/> can give them back.
    /// </summary>
    public async Task<Debit?> TryDebitAsync(LedgerEntry entry, Guid? trackAs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Points >= 0)
        {
            throw new ArgumentException("A debit takes points.", nameof(entry));
        }

        var points = -entry.Points;
        var held = entry.Type == LedgerEntryType.Hold ? points : 0;
        var available = await accounts.ApplyAsync(entry.MemberId, -points, pending: 0, held, earned: 0, minimumAvailable: points, clock.GetUtcNow(), cancellationToken);
        if (available is null)
        {
            return null;
        }

        var portions = await TakeFromLotsAsync(entry.MemberId, points, trackAs, cancellationToken);
        return new Debit(await AppendAsync(entry, available.Value, cancellationToken), portions);
    }

    /// <summary>
    /// Takes points even past zero (a return under the "allow a negative balance" policy): lots give what they
    /// have, and the balance owes the rest until future earnings pay it back.
    /// </summary>
    public async Task<long> DebitAllowingNegativeAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Points >= 0)
        {
            throw new ArgumentException("A debit takes points.", nameof(entry));
        }

        var available = await UpdateAccountAsync(entry.MemberId, entry.Points, pending: 0, held: 0, earned: 0, cancellationToken);
        await TakeFromLotsAsync(entry.MemberId, -entry.Points, trackAs: null, cancellationToken);
        return await AppendAsync(entry, available, cancellationToken);
    }

    /// <summary>
    /// Gives back the points a tracked hold took (<paramref name="entry"/> is the Release entry), into the lots they
    /// came from with their original expiry dates. Where the balance went negative meanwhile, they pay that back
    /// first. Returns the new available balance.
    /// </summary>
    public async Task<long> ReleaseHoldAsync(LedgerEntry entry, Guid heldAs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type != LedgerEntryType.Release || entry.Points <= 0)
        {
            throw new ArgumentException("A release gives held points back.", nameof(entry));
        }

        var available = await UpdateAccountAsync(entry.MemberId, entry.Points, pending: 0, held: -entry.Points, earned: 0, cancellationToken);
        var debits = await db.LotDebits.Where(d => d.ReferenceId == heldAs && d.MemberId == entry.MemberId).ToListAsync(cancellationToken);
        if (debits.Sum(d => d.Points) != entry.Points)
        {
            throw new InvalidOperationException($"Hold {heldAs} took {debits.Sum(d => d.Points)} points, not {entry.Points}.");
        }

        var lotIds = debits.Select(d => d.LotId).ToList();
        var lots = await db.PointsLots.Where(l => lotIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        db.LotDebits.RemoveRange(debits);
        // A return may have pushed the balance below zero while the points were held: the released points pay that
        // back first, and only what the new balance shows goes back into lots.
        var unbacked = Math.Max(0, entry.Points - Math.Max(0, available));
        foreach (var debit in debits.OrderBy(d => d.LotId))
        {
            var repaid = Math.Min(unbacked, debit.Points);
            unbacked -= repaid;
            lots[debit.LotId].Restore(debit.Points - repaid);
        }

        return await AppendAsync(entry, available, cancellationToken);
    }

    /// <summary>
    /// Makes pending lots of one member available (<paramref name="entry"/> is the Confirm entry for their total).
    /// Where the balance is negative, the confirmed points pay that back first.
    /// </summary>
    public async Task<long> ConfirmPendingAsync(LedgerEntry entry, IReadOnlyList<PointsLot> lots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lots);
        var total = lots.Sum(l => l.Remaining);
        if (entry.Type != LedgerEntryType.Confirm || entry.Points != total || entry.PendingPoints != -total || lots.Any(l => !l.IsPending || l.MemberId != entry.MemberId))
        {
            throw new ArgumentException("A confirmation moves exactly the pending lots' points to the available balance.", nameof(entry));
        }

        var available = await UpdateAccountAsync(entry.MemberId, total, pending: -total, held: 0, earned: 0, cancellationToken);

        // Points that paid back a negative balance do not stay in a lot: keep only what the new balance covers.
        var unbacked = Math.Max(0, total - Math.Max(0, available));
        foreach (var lot in lots)
        {
            var repaid = Math.Min(unbacked, lot.Remaining);
            unbacked -= repaid;
            lot.Confirm(lot.Remaining - repaid);
        }

        return await AppendAsync(entry, available, cancellationToken);
    }

    /// <summary>Takes points back from a pending lot (a return before the points became available).</summary>
    public async Task ReversePendingAsync(LedgerEntry entry, PointsLot lot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lot);
        var points = -entry.PendingPoints;
        if (entry.Points != 0 || points <= 0 || !lot.IsPending || lot.MemberId != entry.MemberId || lot.Remaining < points)
        {
            throw new ArgumentException("A pending reversal takes no more than the pending lot still has.", nameof(entry));
        }

        var available = await UpdateAccountAsync(entry.MemberId, available: 0, pending: -points, held: 0, earned: 0, cancellationToken);
        lot.Take(points);
        await AppendAsync(entry, available, cancellationToken);
    }

    /// <summary>
    /// Takes the member's account row lock without moving points, so a use case can then read and change what that
    /// lock guards (a hold's status, a purchase's returns, a monthly transfer total) before its ledger calls. Inside
    /// the caller's transaction; where two accounts are needed, lock them in member-id order.
    /// </summary>
    public async Task LockAccountAsync(Guid memberId, CancellationToken cancellationToken)
    {
        if (!WriteTransaction.IsOpen(db))
        {
            throw new InvalidOperationException("An account lock only lasts inside a transaction (an ITransactionalCommand).");
        }

        var locked = await db.PointsAccounts
            .Where(a => a.MemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, a => a.UpdatedAt), cancellationToken);
        if (locked != 1)
        {
            throw new InvalidOperationException($"Member {memberId} has no points account.");
        }
    }

    public Task<long> AvailableAsync(Guid memberId, CancellationToken cancellationToken) =>
        db.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Available).SingleAsync(cancellationToken);

    /// <summary>Moves the balances unconditionally (the account row stays locked until commit); returns the new available balance.</summary>
    private async Task<long> UpdateAccountAsync(Guid memberId, long available, long pending, long held, long earned, CancellationToken cancellationToken) =>
        await accounts.ApplyAsync(memberId, available, pending, held, earned, long.MinValue, clock.GetUtcNow(), cancellationToken)
            ?? throw new InvalidOperationException($"Member {memberId} has no points account.");

    private void AddLots(Guid memberId, DateTimeOffset earnedAt, Guid? purchaseId, IReadOnlyList<LotPortion> portions, long availableAfter, bool untracked)
    {
        // Only points the balance now shows are backed by lots; the part that paid back a negative balance is not.
        var unbacked = Math.Max(0, portions.Sum(p => p.Points) - Math.Max(0, availableAfter));
        foreach (var portion in portions)
        {
            var repaid = Math.Min(unbacked, portion.Points);
            unbacked -= repaid;
            var lot = PointsLot.Available(memberId, portion.Points, portion.Points - repaid, earnedAt, portion.ExpiresAt, purchaseId);
            if (untracked)
            {
                db.InsertWithUnitOfWork(lot);
            }
            else
            {
                db.PointsLots.Add(lot);
            }
        }
    }

    private async Task<IReadOnlyList<LotPortion>> TakeFromLotsAsync(Guid memberId, long points, Guid? trackAs, CancellationToken cancellationToken)
    {
        var portions = new List<LotPortion>();
        var lastId = 0L;
        while (points > 0)
        {
            var lots = await db.PointsLots
                .Where(l => l.MemberId == memberId && !l.IsPending && l.Remaining > 0 && l.Id > lastId)
                .OrderBy(l => l.Id)
                .Take(LotPage)
                .ToListAsync(cancellationToken);
            if (lots.Count == 0)
            {
                break; // a negative balance: nothing left to take from
            }

            foreach (var lot in lots)
            {
                var taken = lot.Take(points);
                if (taken == 0)
                {
                    continue;
                }

                points -= taken;
                portions.Add(new LotPortion(lot.Id, taken, lot.ExpiresAt));
                if (trackAs is { } reference)
                {
                    db.LotDebits.Add(LotDebit.Record(lot.Id, memberId, reference, taken));
                }

                if (points == 0)
                {
                    break;
                }
            }

            lastId = lots[^1].Id;
        }

        return portions;
    }

    /// <summary>Adds the entry and saves it with everything else the unit of work holds, in one batch.</summary>
    private Task<long> AppendAsync(LedgerEntry entry, long available, CancellationToken cancellationToken) => AppendAsync(entry, available, save: true, cancellationToken);

    private async Task<long> AppendAsync(LedgerEntry entry, long available, bool save, CancellationToken cancellationToken)
    {
        WriteTransaction.Count(db, entry);
        if (save)
        {
            db.LedgerEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            db.InsertWithUnitOfWork(entry); // saved with the unit of work: the caller needs no id from it
        }

        return available;
    }
}
