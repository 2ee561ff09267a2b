using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Redemptions;

public enum RedemptionStatus
{
    /// <summary>The points are held for the till; nothing is spent yet.</summary>
    Authorised,

    /// <summary>The till took the payment: the captured points are spent, any rest went back to the member.</summary>
    Captured,

    /// <summary>The till called it off; the held points went back.</summary>
    Cancelled,

    /// <summary>Neither captured nor cancelled in time; the held points went back.</summary>
    Expired,
}

/// <summary>Why a redemption cannot be captured or cancelled now: a stable code and a sentence for the till.</summary>
public sealed record RedemptionRefusal(string Code, string Message);

/// <summary>
/// Paying with points at a partner store, in two steps like a card payment: the authorisation holds the points,
/// then the till captures all or part of them, or cancels. An authorisation left alone lapses at
/// <see cref="ExpiresAt"/> and its points go back to the member.
/// </summary>
public sealed class Redemption
{
    private Redemption()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid StoreId { get; private set; }

    /// <summary>The points authorised (and held while <see cref="Status"/> is <see cref="RedemptionStatus.Authorised"/>).</summary>
    public long Points { get; private set; }

    /// <summary>The points actually spent; set by the capture.</summary>
    public long CapturedPoints { get; private set; }

    /// <summary>The partner's own reference (receipt or order id), optional.</summary>
    public string? Reference { get; private set; }

    public RedemptionStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When an uncaptured authorisation lapses.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was captured, cancelled or released as expired.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Points still set aside for the till.</summary>
    public long HeldPoints => Status == RedemptionStatus.Authorised ? Points : 0;

    public static Redemption Authorise(Guid memberId, Guid partnerId, Guid storeId, long points, string? reference, DateTimeOffset now, TimeSpan holdFor)
    {
        if (points <= 0)
        {
            throw new DomainException("invalid_points", "A redemption spends at least one point.");
        }

        if (holdFor <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(holdFor), "An authorisation holds for some time.");
        }

        return new Redemption
        {
            Id = EntityId.New(),
            MemberId = memberId,
            PartnerId = partnerId,
            StoreId = storeId,
            Points = points,
            Reference = reference,
            Status = RedemptionStatus.Authorised,
            CreatedAt = now,
            ExpiresAt = now + holdFor,
        };
    }

    /// <summary>The status a caller should see: an authorisation past its time is expired even before the job releases it.</summary>
    public RedemptionStatus EffectiveStatus(DateTimeOffset now) =>
        Status == RedemptionStatus.Authorised && now >= ExpiresAt ? RedemptionStatus.Expired : Status;

    /// <summary>Null when the redemption can still be captured now, otherwise why not.</summary>
    public RedemptionRefusal? CheckCapture(DateTimeOffset now) => CheckStillAuthorised(now, capturing: true);

    /// <summary>Null when the redemption can still be cancelled now, otherwise why not.</summary>
    public RedemptionRefusal? CheckCancel(DateTimeOffset now) => CheckStillAuthorised(now, capturing: false);

    /// <summary>Takes <paramref name="points"/> (null = all authorised) as the payment.</summary>
    public void Capture(long? points, DateTimeOffset now)
    {
        EnsureAllowed(CheckCapture(now));
        if (points is { } p && (p <= 0 || p > Points))
        {
            throw new DomainException("capture_exceeds_authorisation", $"A capture takes between 1 and the {Points} authorised points.");
        }

        CapturedPoints = points ?? Points;
        Complete(RedemptionStatus.Captured, now);
    }

    public void Cancel(DateTimeOffset now)
    {
        EnsureAllowed(CheckCancel(now));
        Complete(RedemptionStatus.Cancelled, now);
    }

    /// <summary>The authorisation ran out of time: its points are to be released.</summary>
    public void Lapse(DateTimeOffset now)
    {
        if (Status != RedemptionStatus.Authorised || now < ExpiresAt)
        {
            throw new InvalidOperationException($"Redemption {Id} is not an authorisation past its time.");
        }

        Complete(RedemptionStatus.Expired, now);
    }

    private RedemptionRefusal? CheckStillAuthorised(DateTimeOffset now, bool capturing) => EffectiveStatus(now) switch
    {
        RedemptionStatus.Authorised => null,
        RedemptionStatus.Expired => new RedemptionRefusal("redemption_expired", $"The authorisation lapsed at {ExpiresAt:u} and its points went back to the member; authorise again."),
        RedemptionStatus.Captured => new RedemptionRefusal("redemption_already_captured", "The redemption was already captured."),
        RedemptionStatus.Cancelled when capturing => new RedemptionRefusal("redemption_not_authorised", "The redemption was cancelled; there is nothing left to capture."),
        _ => new RedemptionRefusal("redemption_already_cancelled", "The redemption was already cancelled."),
    };

    private void Complete(RedemptionStatus status, DateTimeOffset now)
    {
        Status = status;
        CompletedAt = now;
    }

    // Callers check first and answer with the refusal; reaching here with one is a bug, not a client mistake.
    private void EnsureAllowed(RedemptionRefusal? refusal)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException($"Redemption {Id}: {refusal.Code}.");
        }
    }
}
