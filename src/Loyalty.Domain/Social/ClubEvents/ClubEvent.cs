using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.ClubEvents;

public enum ClubEventStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>
/// What staff may set on an event; <see cref="ClubEvent.Create"/> and <see cref="ClubEvent.Revise"/> check it as a whole.
/// A place is a venue (name and address) or an online URL, not both.
/// </summary>
/// <param name="Title">Shown in the app.</param>
/// <param name="Description">Shown in the app; may be empty.</param>
/// <param name="StartsAt">Start (UTC).</param>
/// <param name="EndsAt">End (UTC), after the start.</param>
/// <param name="VenueName">The venue's name, with <paramref name="VenueAddress"/>; null for an online event.</param>
/// <param name="VenueAddress">The venue's address.</param>
/// <param name="OnlineUrl">The link for an online event; null at a venue.</param>
/// <param name="PartnerId">The hosting partner, whose keys may check members in; null for the club's own events.</param>
/// <param name="StoreId">The hosting partner's store where it takes place, if any.</param>
/// <param name="Capacity">Places; more registrations join the waiting list.</param>
/// <param name="PointsForAttending">Points credited once on check-in; 0 for none.</param>
/// <param name="RegistrationOpensAt">Registration opens (inclusive); null means open from creation.</param>
/// <param name="RegistrationClosesAt">Registration closes (exclusive); null means when the event starts.</param>
/// <param name="CancellationClosesAt">Last moment (exclusive) a registered member may cancel; null means when the event starts.</param>
public sealed record ClubEventTerms(
    string Title,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? VenueName,
    string? VenueAddress,
    string? OnlineUrl,
    Guid? PartnerId,
    Guid? StoreId,
    int Capacity,
    long PointsForAttending,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    DateTimeOffset? CancellationClosesAt);

/// <summary>
/// A club event marketing staff organise: members of the eligible tiers register up to its capacity, then join a
/// waiting list; attending (a check-in by staff or the hosting partner) earns <see cref="PointsForAttending"/> once.
/// All instants are UTC; windows include their start and exclude their end.
/// </summary>
public sealed class ClubEvent
{
    public const int MaxCapacity = 100_000;
    public const long MaxPointsForAttending = 1_000_000;

    /// <summary>Doors open before the start: check-in is allowed from this long before <see cref="StartsAt"/>.</summary>
    public static readonly TimeSpan CheckInOpensBeforeStart = TimeSpan.FromHours(1);

    /// <summary>Staff catching up after the event may still check people in until this long after <see cref="EndsAt"/>.</summary>
    public static readonly TimeSpan CheckInClosesAfterEnd = TimeSpan.FromHours(12);

    private readonly List<ClubEventTier> _tiers = [];

    private ClubEvent()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string? VenueName { get; private set; }

    public string? VenueAddress { get; private set; }

    public string? OnlineUrl { get; private set; }

    /// <summary>The partner hosting the event, whose keys may check members in; null for the club's own events.</summary>
    public Guid? PartnerId { get; private set; }

    /// <summary>The hosting partner's store, when the event takes place at one: partner check-ins must name it.</summary>
    public Guid? StoreId { get; private set; }

    public int Capacity { get; private set; }

    public long PointsForAttending { get; private set; }

    public DateTimeOffset? RegistrationOpensAt { get; private set; }

    public DateTimeOffset? RegistrationClosesAt { get; private set; }

    public DateTimeOffset? CancellationClosesAt { get; private set; }

    public ClubEventStatus Status { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<ClubEventTier> Tiers => _tiers;

    public IReadOnlyList<Guid> EligibleTierIds => [.. _tiers.Select(t => t.TierId).Order()];

    public ClubEventTerms Terms => new(
        Title, Description, StartsAt, EndsAt, VenueName, VenueAddress, OnlineUrl, PartnerId, StoreId, Capacity, PointsForAttending,
        RegistrationOpensAt, RegistrationClosesAt, CancellationClosesAt);

    public DateTimeOffset RegistrationDeadline => RegistrationClosesAt ?? StartsAt;

    public DateTimeOffset CancellationDeadline => CancellationClosesAt ?? StartsAt;

    public DateTimeOffset CheckInOpensAt => StartsAt - CheckInOpensBeforeStart;

    public DateTimeOffset CheckInClosesAt => EndsAt + CheckInClosesAfterEnd;

    public static ClubEvent Create(ClubEventTerms terms, IEnumerable<Guid> eligibleTierIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.EndsAt <= now)
        {
            throw new DomainException("invalid_club_event", "An event must end in the future.");
        }

        var clubEvent = new ClubEvent { Id = EntityId.New(), Status = ClubEventStatus.Scheduled, CreatedAt = now };
        clubEvent.Apply(terms, eligibleTierIds, now);
        return clubEvent;
    }

    /// <summary>
    /// Replaces the terms. A cancelled or finished event is history and cannot change; capacity never drops below the
    /// places already taken (<paramref name="placesTaken"/>, registered or checked in).
    /// </summary>
    public void Revise(ClubEventTerms terms, IEnumerable<Guid> eligibleTierIds, int placesTaken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        EnsureScheduled();
        if (now >= EndsAt)
        {
            throw Ended();
        }

        if (terms.Capacity < placesTaken)
        {
            throw new DomainException("capacity_below_registrations", $"{placesTaken} places are already taken; capacity cannot be lower.");
        }

        if (terms.PartnerId != PartnerId && placesTaken > 0 && now >= CheckInOpensAt)
        {
            throw new DomainException("invalid_club_event", "The host cannot change once check-in has opened.");
        }

        Apply(terms, eligibleTierIds, now);
    }

    public bool IsOpenTo(Guid tierId) => _tiers.Count == 0 || _tiers.Exists(t => t.TierId == tierId);

    public bool HasEndedAt(DateTimeOffset now) => now >= EndsAt;

    public bool IsRegistrationOpenAt(DateTimeOffset now) =>
        Status == ClubEventStatus.Scheduled && (RegistrationOpensAt is null || RegistrationOpensAt <= now) && now < RegistrationDeadline;

    /// <summary>The checks a member's registration must pass; whether a place is free is decided under the event's lock.</summary>
    public void EnsureCanRegister(Guid tierId, DateTimeOffset now)
    {
        EnsureScheduled();
        if (HasEndedAt(now))
        {
            throw Ended();
        }

        if (RegistrationOpensAt is { } opens && now < opens)
        {
            throw new DomainException("registration_not_open", $"Registration opens at {opens:u}.");
        }

        if (now >= RegistrationDeadline)
        {
            throw new DomainException("registration_closed", $"Registration closed at {RegistrationDeadline:u}.");
        }

        if (!IsOpenTo(tierId))
        {
            throw new DomainException("club_event_not_eligible", "This event is not open to your tier.");
        }
    }

    /// <summary>A free place means registered; a full event puts the member on the waiting list.</summary>
    public RegistrationStatus Admit(int placesTaken) => placesTaken < Capacity ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;

    public int PlacesLeft(int placesTaken) => Math.Max(0, Capacity - placesTaken);

    /// <summary>
    /// A registered member may cancel until <see cref="CancellationDeadline"/>; leaving the waiting list is possible
    /// until the event starts (it frees nobody's place).
    /// </summary>
    public void EnsureMemberCanCancel(RegistrationStatus status, DateTimeOffset now)
    {
        EnsureScheduled();
        switch (status)
        {
            case RegistrationStatus.Registered when now >= CancellationDeadline:
                throw new DomainException("cancellation_closed", $"Cancellation closed at {CancellationDeadline:u}.");
            case RegistrationStatus.Waitlisted when now >= StartsAt:
                throw new DomainException("cancellation_closed", "The event has started.");
            case RegistrationStatus.CheckedIn:
                throw new DomainException("registration_checked_in", "You have already been checked in.");
            case RegistrationStatus.Cancelled:
                throw new DomainException("registration_cancelled", "This registration is already cancelled.");
        }
    }

    /// <summary>
    /// Who gets the places left when places free up: waiting registrations in the order they joined
    /// (<see cref="ClubEventRegistration.Sequence"/>), as many as there are free places, none once the event has started.
    /// </summary>
    public IReadOnlyList<ClubEventRegistration> SelectForPromotion(IEnumerable<ClubEventRegistration> waiting, int placesTaken, DateTimeOffset now) =>
        PromotesWaitlistAt(now)
            ? [.. waiting.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Sequence).Take(PlacesLeft(placesTaken))]
            : [];

    /// <summary>Whether a place freed now goes to the waiting list: only while the event has not started.</summary>
    public bool PromotesWaitlistAt(DateTimeOffset now) => Status == ClubEventStatus.Scheduled && now < StartsAt;

    public void EnsureCheckInOpen(DateTimeOffset now)
    {
        EnsureScheduled();
        if (now < CheckInOpensAt)
        {
            throw new DomainException("check_in_not_open", $"Check-in opens at {CheckInOpensAt:u}.");
        }

        if (now >= CheckInClosesAt)
        {
            throw new DomainException("check_in_closed", $"Check-in closed at {CheckInClosesAt:u}.");
        }
    }

    /// <summary>Whether a registration in <paramref name="status"/> may be checked in now (a checked-in one is answered as it is, not here).</summary>
    public static void EnsureCheckInAllowed(RegistrationStatus status)
    {
        switch (status)
        {
            case RegistrationStatus.Waitlisted:
                throw new DomainException("registration_waitlisted", "The member is on the waiting list, not registered.");
            case RegistrationStatus.Cancelled:
                throw new DomainException("registration_cancelled", "The member's registration was cancelled.");
        }
    }

    public void Cancel(string reason, DateTimeOffset now)
    {
        if (Status == ClubEventStatus.Cancelled)
        {
            throw new DomainException("club_event_cancelled", "This event is already cancelled.");
        }

        if (HasEndedAt(now))
        {
            throw Ended();
        }

        Status = ClubEventStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = reason.Trim();
        UpdatedAt = now;
    }

    private static DomainException Ended() => new("club_event_ended", "This event is over.");

    /// <summary>UTC at microsecond precision, what every provider stores: an instant reads back as it was given.</summary>
    private static DateTimeOffset Stored(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static DateTimeOffset? Stored(DateTimeOffset? t) => t is { } v ? Stored(v) : null;

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private void EnsureScheduled()
    {
        if (Status == ClubEventStatus.Cancelled)
        {
            throw new DomainException("club_event_cancelled", "This event has been cancelled.");
        }
    }

    private void Apply(ClubEventTerms terms, IEnumerable<Guid> eligibleTierIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(eligibleTierIds);
        Check(terms);
        Title = terms.Title.Trim();
        Description = terms.Description.Trim();
        StartsAt = Stored(terms.StartsAt);
        EndsAt = Stored(terms.EndsAt);
        VenueName = Trimmed(terms.VenueName);
        VenueAddress = Trimmed(terms.VenueAddress);
        OnlineUrl = Trimmed(terms.OnlineUrl);
        PartnerId = terms.PartnerId;
        StoreId = terms.StoreId;
        Capacity = terms.Capacity;
        PointsForAttending = terms.PointsForAttending;
        RegistrationOpensAt = Stored(terms.RegistrationOpensAt);
        RegistrationClosesAt = Stored(terms.RegistrationClosesAt);
        CancellationClosesAt = Stored(terms.CancellationClosesAt);
        UpdatedAt = now;

        var wanted = eligibleTierIds.ToHashSet();
        _tiers.RemoveAll(t => !wanted.Contains(t.TierId));
        foreach (var tierId in wanted.Where(id => _tiers.TrueForAll(t => t.TierId != id)))
        {
            _tiers.Add(new ClubEventTier(Id, tierId));
        }
    }

    private static void Check(ClubEventTerms t)
    {
        if (string.IsNullOrWhiteSpace(t.Title))
        {
            throw Invalid("An event needs a title.");
        }

        if (t.EndsAt <= t.StartsAt)
        {
            throw Invalid("endsAt must be later than startsAt.");
        }

        var venue = Trimmed(t.VenueName) is not null || Trimmed(t.VenueAddress) is not null;
        var online = Trimmed(t.OnlineUrl) is not null;
        if (venue == online)
        {
            throw Invalid("An event takes place at a venue (venueName and venueAddress) or online (onlineUrl), exactly one of them.");
        }

        if (venue && (Trimmed(t.VenueName) is null || Trimmed(t.VenueAddress) is null))
        {
            throw Invalid("A venue needs both a name and an address.");
        }

        if (online && !(Uri.TryCreate(t.OnlineUrl!.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            throw Invalid("onlineUrl must be an absolute http(s) URL.");
        }

        if (t.StoreId is not null && t.PartnerId is null)
        {
            throw Invalid("A hosting store needs its partner (partnerId).");
        }

        if (t.Capacity is < 1 or > MaxCapacity)
        {
            throw Invalid($"Capacity is between 1 and {MaxCapacity}.");
        }

        if (t.PointsForAttending is < 0 or > MaxPointsForAttending)
        {
            throw Invalid($"pointsForAttending is between 0 and {MaxPointsForAttending}.");
        }

        var closes = t.RegistrationClosesAt ?? t.StartsAt;
        if (closes > t.StartsAt)
        {
            throw Invalid("Registration must close by the time the event starts.");
        }

        if (t.RegistrationOpensAt is { } opens && opens >= closes)
        {
            throw Invalid("Registration must open before it closes.");
        }

        if (t.CancellationClosesAt is { } cancelBy && cancelBy > t.StartsAt)
        {
            throw Invalid("Cancellation must close by the time the event starts.");
        }
    }

    private static DomainException Invalid(string message) => new("invalid_club_event", message);
}

/// <summary>One tier an event is restricted to.</summary>
public sealed class ClubEventTier
{
    internal ClubEventTier(Guid clubEventId, Guid tierId)
    {
        ClubEventId = clubEventId;
        TierId = tierId;
    }

    public Guid ClubEventId { get; private set; }

    public Guid TierId { get; private set; }
}
