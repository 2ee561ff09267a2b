namespace Loyalty.Application.Features.Financial.Ledger;

/// <summary>
/// Moves an account's balances in one statement that also hands back the new available balance: the till path needs
/// the balance, and reading it separately would cost a second round trip while the row is locked. Implemented in
/// provider SQL (Infrastructure), on the caller's context, so inside its transaction.
/// </summary>
public interface IAccountBalances
{
    /// <summary>Applies the deltas when <c>Available &gt;= minimumAvailable</c>; returns the new available balance, or null when no row matched.</summary>
    Task<long?> ApplyAsync(Guid memberId, long available, long pending, long held, long earned, long minimumAvailable, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Applies unconditional deltas to many accounts; returns each member's new available balance.</summary>
    Task<Dictionary<Guid, long>> ApplyManyAsync(IReadOnlyList<AccountDelta> deltas, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What one account's balances move by.</summary>
public sealed record AccountDelta(Guid MemberId, long Available, long Pending, long Earned);

/// <summary>One account's available balance after a move.</summary>
public sealed record AccountBalance(Guid MemberId, long Available);
