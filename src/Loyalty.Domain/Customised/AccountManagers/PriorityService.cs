namespace Loyalty.Domain.Customised.AccountManagers;

/// <summary>A member staff flagged for priority service, whatever their tier.</summary>
public sealed class PriorityServiceMember
{
    private PriorityServiceMember()
    {
    }

    public Guid MemberId { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; } = "";

    public static PriorityServiceMember Flag(Guid memberId, string? reason, string by, DateTimeOffset now) =>
        new() { MemberId = memberId, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), SetBy = by, SetAt = now };
}

/// <summary>
/// A tier whose members all get priority service: a tier benefit kept beside the tier scheme (which owns
/// <c>SupportResponseHours</c>), so turning it on does not need a new scheme version.
/// </summary>
public sealed class PriorityServiceTier
{
    private PriorityServiceTier()
    {
    }

    public Guid TierId { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; } = "";

    public static PriorityServiceTier Flag(Guid tierId, string by, DateTimeOffset now) => new() { TierId = tierId, SetBy = by, SetAt = now };
}
