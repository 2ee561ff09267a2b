namespace Loyalty.Domain.Customised.Offers;

/// <summary>
/// A member of a published offer's audience, recorded once at publication: in the treatment group (sees and uses the
/// offer) or the control group (never sees or gets it, measured for comparison). <see cref="Uses"/> counts the
/// purchases that used the offer; the earn path claims a use with a conditional update, so it never exceeds the limit.
/// </summary>
public sealed class OfferAssignment
{
    private OfferAssignment()
    {
    }

    public Guid OfferId { get; private set; }

    public Guid MemberId { get; private set; }

    public OfferGroup Group { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    public int Uses { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static OfferAssignment Assign(Guid offerId, Guid memberId, OfferGroup group, DateTimeOffset now) =>
        new() { OfferId = offerId, MemberId = memberId, Group = group, AssignedAt = now };
}
