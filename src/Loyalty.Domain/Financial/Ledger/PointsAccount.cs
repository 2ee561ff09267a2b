namespace Loyalty.Domain.Financial.Ledger;

/// <summary>
/// The running balance of one member, kept for fast reads. It is only ever changed by a conditional,
/// set-based update in the same transaction as the ledger entries that explain the change, so
/// <c>Available == sum(ledger)</c> holds even under concurrent requests.
/// </summary>
public sealed class PointsAccount
{
    private PointsAccount()
    {
    }

    public Guid MemberId { get; private set; }

    public long Available { get; private set; }

    /// <summary>Points earned but not yet spendable (inside a return window, or awaiting the partner's confirmation).</summary>
    public long Pending { get; private set; }

    /// <summary>Points set aside by authorised till payments; already taken from <see cref="Available"/>.</summary>
    public long Held { get; private set; }

    public long LifetimeEarned { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static PointsAccount Open(Guid memberId, DateTimeOffset now) => new() { MemberId = memberId, UpdatedAt = now };
}
