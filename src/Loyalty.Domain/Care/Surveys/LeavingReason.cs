using Loyalty.Domain.Common;

namespace Loyalty.Domain.Care.Surveys;

/// <summary>Why a member left the club, asked when they close their membership or staff close it.</summary>
public enum LeavingReason
{
    TooFewRewards,
    PointsTooSlow,
    PoorService,
    PrefersCompetitor,
    MovedAway,
    TooManyMessages,
    Privacy,
    NoLongerShops,
    Other,
}

public enum LeavingReasonSource
{
    Self,
    Staff,
}

/// <summary>A reason for leaving, kept after the membership closes (table <c>LeavingReasons</c>).</summary>
public sealed class MemberLeavingReason
{
    public const int MaxTextLength = 1000;

    private MemberLeavingReason()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public LeavingReason Reason { get; private set; }

    public string? Text { get; private set; }

    public LeavingReasonSource Source { get; private set; }

    /// <summary>The member's tier when they left (reports per tier).</summary>
    public Guid TierId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static MemberLeavingReason Record(Guid memberId, Guid tierId, LeavingReason reason, string? text, LeavingReasonSource source, DateTimeOffset now) =>
        new()
        {
            Id = EntityId.New(),
            MemberId = memberId,
            TierId = tierId,
            Reason = reason,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            Source = source,
            At = now,
        };
}
