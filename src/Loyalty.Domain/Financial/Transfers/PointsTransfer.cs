using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Transfers;

public enum TransferStatus
{
    /// <summary>Created; no points have moved until the sender confirms.</summary>
    AwaitingConfirmation,

    /// <summary>Confirmed: the points moved, keeping their expiry dates.</summary>
    Completed,

    Cancelled,

    /// <summary>Not confirmed in time (shown, never stored: nothing needs releasing).</summary>
    Expired,
}

/// <summary>Why a transfer cannot be confirmed or cancelled now.</summary>
public sealed record TransferRefusal(string Code, string Message);

/// <summary>
/// Points one member gives another (family pooling), in two steps: the sender creates the transfer, sees who it
/// goes to, and confirms within <see cref="ConfirmWithin"/>. Only the confirmation moves points.
/// </summary>
public sealed class PointsTransfer
{
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromMinutes(15);

    private PointsTransfer()
    {
    }

    public Guid Id { get; private set; }

    public Guid FromMemberId { get; private set; }

    public Guid ToMemberId { get; private set; }

    public long Points { get; private set; }

    public string? Message { get; private set; }

    public TransferStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static PointsTransfer Create(Guid fromMemberId, Guid toMemberId, long points, string? message, DateTimeOffset now)
    {
        if (fromMemberId == toMemberId)
        {
            throw new DomainException("transfer_to_self", "Points cannot be transferred to yourself.");
        }

        if (points <= 0)
        {
            throw new DomainException("invalid_points", "A transfer moves at least one point.");
        }

        return new PointsTransfer
        {
            Id = EntityId.New(),
            FromMemberId = fromMemberId,
            ToMemberId = toMemberId,
            Points = points,
            Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
            Status = TransferStatus.AwaitingConfirmation,
            CreatedAt = now,
            ExpiresAt = now + ConfirmWithin,
        };
    }

    public TransferStatus EffectiveStatus(DateTimeOffset now) =>
        Status == TransferStatus.AwaitingConfirmation && now >= ExpiresAt ? TransferStatus.Expired : Status;

    /// <summary>Null while the transfer can still be confirmed or cancelled, otherwise why not.</summary>
    public TransferRefusal? CheckOpen(DateTimeOffset now) => EffectiveStatus(now) switch
    {
        TransferStatus.AwaitingConfirmation => null,
        TransferStatus.Expired => new TransferRefusal("transfer_expired", $"The transfer was not confirmed by {ExpiresAt:u}; create a new one."),
        TransferStatus.Completed => new TransferRefusal("transfer_already_completed", "The transfer was already confirmed; its points have moved."),
        _ => new TransferRefusal("transfer_cancelled", "The transfer was cancelled."),
    };

    public void Complete(DateTimeOffset now)
    {
        EnsureOpen(now);
        Status = TransferStatus.Completed;
        CompletedAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        EnsureOpen(now);
        Status = TransferStatus.Cancelled;
        CompletedAt = now;
    }

    /// <summary>
    /// The programme's limits: at most <paramref name="maxPerTransfer"/> points per transfer (0 = transfers are off) and
    /// <paramref name="maxPerMonth"/> per sender per calendar month, of which <paramref name="sentThisMonth"/> are used.
    /// </summary>
    public static void EnsureWithinLimits(long points, long maxPerTransfer, long maxPerMonth, long sentThisMonth)
    {
        if (maxPerTransfer <= 0)
        {
            throw new DomainException("transfers_disabled", "The programme does not allow points transfers.");
        }

        if (points > maxPerTransfer)
        {
            throw new DomainException("transfer_limit_exceeded", $"A transfer moves at most {maxPerTransfer} points.");
        }

        if (sentThisMonth + points > maxPerMonth)
        {
            throw new DomainException("transfer_monthly_limit_exceeded", $"You can transfer {Math.Max(0, maxPerMonth - sentThisMonth)} more points this month (limit {maxPerMonth}).");
        }
    }

    /// <summary>The first instant of the calendar month (UTC) that <paramref name="at"/> falls in: monthly limits count from it.</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (CheckOpen(now) is { } refusal)
        {
            throw new InvalidOperationException($"Transfer {Id}: {refusal.Code}."); // callers answer the refusal first
        }
    }
}
