using Loyalty.Domain.Common;

namespace Loyalty.Domain.Insight.Retention;

public enum RetentionActionKind
{
    Call,
    Offer,
    GoodwillPoints,
}

public enum RetentionOutcome
{
    /// <summary>The follow-up window is still open and the member has not bought yet.</summary>
    Pending,

    /// <summary>The member bought within the window.</summary>
    Returned,

    /// <summary>The window closed without a purchase.</summary>
    NotReturned,
}

/// <summary>
/// Something staff did to keep a member (a call, an offer, goodwill points), with the member's risk and value when it
/// was done, and whether the member came back within <see cref="FollowUpDays"/> days (set by the insight job).
/// </summary>
public sealed class RetentionAction
{
    public const int NoteLength = 1000;
    public const int ByLength = 200;
    public const int MinFollowUpDays = 7;
    public const int MaxFollowUpDays = 180;
    public const int DefaultFollowUpDays = 30;

    private RetentionAction()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public RetentionActionKind Kind { get; private set; }

    public string Note { get; private set; } = "";

    /// <summary>Goodwill points credited (through the ledger's adjustment) for <see cref="RetentionActionKind.GoodwillPoints"/>.</summary>
    public long? Points { get; private set; }

    public long? LedgerEntryId { get; private set; }

    /// <summary>The personal offer made, for <see cref="RetentionActionKind.Offer"/> (optional).</summary>
    public Guid? OfferId { get; private set; }

    public Guid TierId { get; private set; }

    /// <summary>The churn score and value decile of the latest run when the action was taken; null before any run.</summary>
    public int? ChurnScore { get; private set; }

    public int? ValueDecile { get; private set; }

    public int FollowUpDays { get; private set; }

    public DateTimeOffset TakenAt { get; private set; }

    public string TakenBy { get; private set; } = "";

    public RetentionOutcome Outcome { get; private set; }

    public DateTimeOffset? ReturnedAt { get; private set; }

    public DateTimeOffset? EvaluatedAt { get; private set; }

    public DateTimeOffset DueAt => TakenAt.AddDays(FollowUpDays);

    public static RetentionAction Take(
        Guid memberId, RetentionActionKind kind, string note, long? points, long? ledgerEntryId, Guid? offerId, Guid tierId,
        int? churnScore, int? valueDecile, int followUpDays, DateTimeOffset now, string by)
    {
        if (kind == RetentionActionKind.GoodwillPoints != points is > 0)
        {
            throw new DomainException("invalid_retention_action", "Goodwill points, and only they, carry a positive number of points.");
        }

        if (followUpDays is < MinFollowUpDays or > MaxFollowUpDays)
        {
            throw new DomainException("invalid_retention_action", $"The follow-up window is {MinFollowUpDays}–{MaxFollowUpDays} days.");
        }

        return new RetentionAction
        {
            Id = EntityId.New(),
            MemberId = memberId,
            Kind = kind,
            Note = note,
            Points = points,
            LedgerEntryId = ledgerEntryId,
            OfferId = offerId,
            TierId = tierId,
            ChurnScore = churnScore,
            ValueDecile = valueDecile,
            FollowUpDays = followUpDays,
            TakenAt = now,
            TakenBy = by,
            Outcome = RetentionOutcome.Pending,
        };
    }

    /// <summary>The outcome by the purchases seen so far: returned at the first visit in the window; not returned once the window closed without one.</summary>
    public static RetentionOutcome Evaluate(DateTimeOffset takenAt, int followUpDays, DateTimeOffset? firstVisitAfter, DateTimeOffset now)
    {
        var due = takenAt.AddDays(followUpDays);
        if (firstVisitAfter is { } visit && visit > takenAt && visit <= due)
        {
            return RetentionOutcome.Returned;
        }

        return now >= due ? RetentionOutcome.NotReturned : RetentionOutcome.Pending;
    }
}
