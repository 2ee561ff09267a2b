using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Tiers;

/// <summary>
/// A tier scheme as submitted by staff, with the date it takes effect. Applied once (AppliedAt set by a conditional
/// update, so two job instances cannot both apply it) or cancelled while still pending. Append-only otherwise.
/// </summary>
public sealed class TierSchemeVersion
{
    private TierSchemeVersion()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>1, 2, 3… in submission order (unique).</summary>
    public int Version { get; private set; }

    public DateTimeOffset EffectiveFrom { get; private set; }

    /// <summary>The scheme as submitted (JSON of the request contract, tiers by id).</summary>
    public string Definition { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AppliedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelledBy { get; private set; }

    public bool IsPending => AppliedAt is null && CancelledAt is null;

    public static TierSchemeVersion Submit(int version, DateTimeOffset effectiveFrom, string definition, string createdBy, DateTimeOffset now) =>
        new()
        {
            Id = EntityId.New(),
            Version = version,
            EffectiveFrom = effectiveFrom < now ? now : effectiveFrom,
            Definition = definition,
            CreatedBy = createdBy,
            CreatedAt = now,
        };

    public void MarkApplied(DateTimeOffset now)
    {
        EnsurePending();
        AppliedAt = now;
    }

    public void Cancel(string actor, DateTimeOffset now)
    {
        EnsurePending();
        CancelledAt = now;
        CancelledBy = actor;
    }

    private void EnsurePending()
    {
        if (!IsPending)
        {
            throw new DomainException("version_not_pending", $"Version {Version} was already {(AppliedAt is null ? "cancelled" : "applied")}.");
        }
    }
}
