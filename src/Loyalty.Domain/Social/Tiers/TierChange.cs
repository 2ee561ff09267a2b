using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Tiers;

public enum TierChangeReason
{
    Enrolment,
    Qualified,
    Downgraded,
    SchemeChanged,
    Merged,
    Admin,
}

/// <summary>One move of a member between tiers, with the activity that caused it. Append-only.</summary>
public sealed class TierChange
{
    private TierChange()
    {
    }

    public long Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid? FromTierId { get; private set; }

    public Guid ToTierId { get; private set; }

    public TierChangeReason Reason { get; private set; }

    /// <summary>Activity in the window that decided the change (null when it was not measured, e.g. at enrolment).</summary>
    public long? PointsEarned { get; private set; }

    public decimal? Spend { get; private set; }

    public int? Visits { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Who made it: "system" for qualification and reviews, the staff member's subject otherwise.</summary>
    public string Actor { get; private set; } = "system";

    public static TierChange Record(Guid memberId, Guid? fromTierId, Guid toTierId, TierChangeReason reason, QualifyingActivity? activity, DateTimeOffset at, string actor = "system") =>
        new()
        {
            MemberId = memberId,
            FromTierId = fromTierId,
            ToTierId = toTierId,
            Reason = reason,
            PointsEarned = activity?.PointsEarned,
            Spend = activity?.Spend,
            Visits = activity?.Visits,
            OccurredAt = at,
            Actor = actor,
        };
}
