namespace Loyalty.Domain.Care.Cases;

/// <summary>
/// The service level a case is held to: the time within which the member gets a first response. It comes from the
/// member's tier (<c>SupportResponseHours</c>), or the programme default when the tier promises none; priority
/// service halves it (rounded up to a whole hour, at least one hour).
/// </summary>
public static class ServiceLevel
{
    /// <summary>The programme default when the tier names no response time.</summary>
    public const int DefaultResponseHours = 72;

    public static int ResponseHours(int? tierHours, bool priority, int defaultHours = DefaultResponseHours)
    {
        var hours = tierHours is > 0 ? tierHours.Value : Math.Max(1, defaultHours);
        return priority ? Math.Max(1, (hours + 1) / 2) : hours;
    }

    public static DateTimeOffset DueAt(DateTimeOffset openedAt, int responseHours) => openedAt.AddHours(responseHours);

    /// <summary>Breached: no first response by the due time (a response after it counts as a breach too).</summary>
    public static bool IsBreached(DateTimeOffset dueAt, DateTimeOffset? firstResponseAt, DateTimeOffset now) =>
        firstResponseAt is { } responded ? responded > dueAt : now > dueAt;

    /// <summary>A case escalates to the care lead once: when it is open, not yet escalated and its service level is breached.</summary>
    public static bool ShouldEscalate(CaseStatus status, DateTimeOffset? escalatedAt, DateTimeOffset dueAt, DateTimeOffset? firstResponseAt, DateTimeOffset now) =>
        status == CaseStatus.Open && escalatedAt is null && firstResponseAt is null && now > dueAt;

    /// <summary>The first step's due time: a first response is due when the service level runs out.</summary>
    public static DateTimeOffset FirstStepDueAt(DateTimeOffset openedAt, int responseHours) => DueAt(openedAt, responseHours);
}
