namespace Loyalty.Domain.Customised.AccountManagers;

/// <summary>A member's current account manager: at most one, so the member is the key.</summary>
public sealed class PortfolioAssignment
{
    private PortfolioAssignment()
    {
    }

    public Guid MemberId { get; private set; }

    public Guid ManagerId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public string AssignedBy { get; private set; } = "";

    public static PortfolioAssignment Assign(Guid memberId, Guid managerId, string by, DateTimeOffset now) =>
        new() { MemberId = memberId, ManagerId = managerId, AssignedBy = by, AssignedAt = now };

    /// <summary>Moves the member to another manager and returns the history record of the move.</summary>
    public AssignmentChange MoveTo(Guid managerId, string by, string reason, DateTimeOffset now)
    {
        var change = AssignmentChange.Record(MemberId, ManagerId, managerId, by, reason, now);
        ManagerId = managerId;
        AssignedBy = by;
        AssignedAt = now;
        return change;
    }
}

/// <summary>
/// One step of a member's assignment history, append-only: from whom (null = unassigned), to whom (null = released),
/// when, by which staff user and why.
/// </summary>
public sealed class AssignmentChange
{
    public const int MaxReasonLength = 500;

    private AssignmentChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid? FromManagerId { get; private set; }

    public Guid? ToManagerId { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string ChangedBy { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public static AssignmentChange Record(Guid memberId, Guid? from, Guid? to, string by, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new()
        {
            Id = Common.EntityId.New(),
            MemberId = memberId,
            FromManagerId = from,
            ToManagerId = to,
            ChangedBy = by,
            Reason = reason.Trim(),
            ChangedAt = now,
        };
    }

    /// <summary>Erasure: staff's free text may describe the person; the ids and times stay for the history.</summary>
    public void ForgetReason() => Reason = "";
}
