using Loyalty.Domain.Common;
using Loyalty.Domain.Social.ClubEvents;

namespace Loyalty.Domain.Tests.Social.ClubEvents;

public sealed class ClubEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddHours(3);
    private static readonly Guid Gold = Guid.NewGuid();
    private static readonly Guid Silver = Guid.NewGuid();

    private static ClubEventTerms Terms(
        int capacity = 2,
        DateTimeOffset? opens = null,
        DateTimeOffset? closes = null,
        DateTimeOffset? cancelBy = null,
        string? venue = "Roastery",
        string? address = "1 Bean Street",
        string? url = null,
        long points = 50) =>
        new("Tasting night", " Coffee cupping ", Start, End, venue, address, url, null, null, capacity, points, opens, closes, cancelBy);

    private static ClubEvent Event(ClubEventTerms? terms = null, params Guid[] tiers) => ClubEvent.Create(terms ?? Terms(), tiers, Now);

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;

    [Fact]
    public void Create_keeps_the_terms_trimmed_and_scheduled()
    {
        var e = Event(Terms(), Gold);

        Assert.Equal((ClubEventStatus.Scheduled, "Coffee cupping", 2, 50L), (e.Status, e.Description, e.Capacity, e.PointsForAttending));
        Assert.Equal([Gold], e.EligibleTierIds);
        Assert.Equal(Start, e.RegistrationDeadline);
        Assert.Equal(Start, e.CancellationDeadline);
    }

    public static TheoryData<ClubEventTerms> InvalidTerms => new()
    {
        Terms() with { Title = "  " },
        Terms() with { EndsAt = Start },
        Terms(venue: null, address: null, url: null),
        Terms(url: "https://meet.example/x"),
        Terms(address: null),
        Terms(venue: null, address: null, url: "ftp://files.example/x"),
        Terms(venue: null, address: null, url: "not a url"),
        Terms(capacity: 0),
        Terms(capacity: ClubEvent.MaxCapacity + 1),
        Terms(points: -1),
        Terms(closes: Start.AddTicks(10)),
        Terms(opens: Start.AddDays(-1), closes: Start.AddDays(-1)),
        Terms(cancelBy: Start.AddMinutes(1)),
        Terms() with { StoreId = Guid.NewGuid() },
    };

    [Theory, MemberData(nameof(InvalidTerms))]
    public void Create_refuses_inconsistent_terms(ClubEventTerms terms) =>
        Assert.Equal("invalid_club_event", Code(() => ClubEvent.Create(terms, [], Now)));

    [Fact]
    public void An_online_event_needs_no_venue() =>
        Assert.Equal("https://meet.example/x", Event(Terms(venue: null, address: null, url: " https://meet.example/x ")).OnlineUrl);

    [Fact]
    public void An_event_that_has_already_ended_cannot_be_created() =>
        Assert.Equal("invalid_club_event", Code(() => ClubEvent.Create(Terms() with { StartsAt = Now.AddHours(-2), EndsAt = Now }, [], Now)));

    [Fact]
    public void Capacity_admits_until_full_then_waitlists()
    {
        var e = Event(Terms(capacity: 2));

        Assert.Equal(RegistrationStatus.Registered, e.Admit(0));
        Assert.Equal(RegistrationStatus.Registered, e.Admit(1));
        Assert.Equal(RegistrationStatus.Waitlisted, e.Admit(2));
        Assert.Equal(RegistrationStatus.Waitlisted, e.Admit(3));
        Assert.Equal((2, 1, 0, 0), (e.PlacesLeft(0), e.PlacesLeft(1), e.PlacesLeft(2), e.PlacesLeft(5)));
    }

    [Fact]
    public void Registration_opens_exactly_at_its_opening_instant()
    {
        var opens = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);
        var e = Event(Terms(opens: opens));

        Assert.Equal("registration_not_open", Code(() => e.EnsureCanRegister(Silver, opens.AddTicks(-10))));
        e.EnsureCanRegister(Silver, opens);
        Assert.True(e.IsRegistrationOpenAt(opens));
        Assert.False(e.IsRegistrationOpenAt(opens.AddTicks(-10)));
    }

    [Fact]
    public void Registration_closes_exactly_at_its_deadline()
    {
        var closes = new DateTimeOffset(2026, 3, 9, 23, 59, 59, TimeSpan.Zero);
        var e = Event(Terms(closes: closes));

        e.EnsureCanRegister(Silver, closes.AddTicks(-10));
        Assert.Equal("registration_closed", Code(() => e.EnsureCanRegister(Silver, closes)));
        Assert.False(e.IsRegistrationOpenAt(closes));
    }

    [Fact]
    public void Without_a_deadline_registration_closes_when_the_event_starts()
    {
        var e = Event();

        e.EnsureCanRegister(Silver, Start.AddTicks(-10));
        Assert.Equal("registration_closed", Code(() => e.EnsureCanRegister(Silver, Start)));
    }

    [Fact]
    public void Deadlines_compare_instants_so_an_offset_in_the_request_means_the_same_moment()
    {
        var closesInWarsaw = new DateTimeOffset(2026, 3, 9, 20, 0, 0, TimeSpan.FromHours(1));
        var e = Event(Terms(closes: closesInWarsaw));

        Assert.Equal(TimeSpan.Zero, e.RegistrationDeadline.Offset);
        Assert.Equal("registration_closed", Code(() => e.EnsureCanRegister(Silver, new DateTimeOffset(2026, 3, 9, 19, 0, 0, TimeSpan.Zero))));
        e.EnsureCanRegister(Silver, new DateTimeOffset(2026, 3, 9, 18, 59, 59, TimeSpan.Zero));
    }

    [Fact]
    public void Only_the_eligible_tiers_may_register_and_no_tiers_means_everyone()
    {
        Assert.Equal("club_event_not_eligible", Code(() => Event(Terms(), Gold).EnsureCanRegister(Silver, Now)));
        Event(Terms(), Gold).EnsureCanRegister(Gold, Now);
        Event(Terms()).EnsureCanRegister(Silver, Now);
    }

    [Fact]
    public void A_cancelled_or_finished_event_takes_no_registrations()
    {
        var cancelled = Event();
        cancelled.Cancel("Storm warning", Now);

        Assert.Equal("club_event_cancelled", Code(() => cancelled.EnsureCanRegister(Silver, Now)));
        Assert.Equal("club_event_ended", Code(() => Event().EnsureCanRegister(Silver, End)));
    }

    [Fact]
    public void A_registered_member_may_cancel_until_exactly_the_cancellation_deadline()
    {
        var cancelBy = Start.AddDays(-1);
        var e = Event(Terms(cancelBy: cancelBy));

        e.EnsureMemberCanCancel(RegistrationStatus.Registered, cancelBy.AddTicks(-10));
        Assert.Equal("cancellation_closed", Code(() => e.EnsureMemberCanCancel(RegistrationStatus.Registered, cancelBy)));
    }

    [Fact]
    public void A_waiting_member_may_leave_the_list_until_the_start_even_after_the_cancellation_deadline()
    {
        var e = Event(Terms(cancelBy: Start.AddDays(-1)));

        e.EnsureMemberCanCancel(RegistrationStatus.Waitlisted, Start.AddTicks(-10));
        Assert.Equal("cancellation_closed", Code(() => e.EnsureMemberCanCancel(RegistrationStatus.Waitlisted, Start)));
    }

    [Fact]
    public void A_checked_in_or_cancelled_registration_cannot_be_cancelled()
    {
        Assert.Equal("registration_checked_in", Code(() => Event().EnsureMemberCanCancel(RegistrationStatus.CheckedIn, Now)));
        Assert.Equal("registration_cancelled", Code(() => Event().EnsureMemberCanCancel(RegistrationStatus.Cancelled, Now)));
    }

    [Fact]
    public void Check_in_opens_an_hour_before_the_start_and_closes_twelve_hours_after_the_end()
    {
        var e = Event();

        Assert.Equal("check_in_not_open", Code(() => e.EnsureCheckInOpen(Start.AddHours(-1).AddTicks(-10))));
        e.EnsureCheckInOpen(Start.AddHours(-1));
        e.EnsureCheckInOpen(End.AddHours(12).AddTicks(-10));
        Assert.Equal("check_in_closed", Code(() => e.EnsureCheckInOpen(End.AddHours(12))));
    }

    [Fact]
    public void Only_a_registered_member_can_be_checked_in()
    {
        ClubEvent.EnsureCheckInAllowed(RegistrationStatus.Registered);
        Assert.Equal("registration_waitlisted", Code(() => ClubEvent.EnsureCheckInAllowed(RegistrationStatus.Waitlisted)));
        Assert.Equal("registration_cancelled", Code(() => ClubEvent.EnsureCheckInAllowed(RegistrationStatus.Cancelled)));
    }

    [Fact]
    public void The_waiting_list_is_served_in_the_order_members_joined_as_many_as_places_are_free()
    {
        var e = Event(Terms(capacity: 3));
        var third = ClubEventRegistration.Create(e.Id, Guid.NewGuid(), RegistrationStatus.Waitlisted, 9, Now);
        var first = ClubEventRegistration.Create(e.Id, Guid.NewGuid(), RegistrationStatus.Waitlisted, 4, Now);
        var second = ClubEventRegistration.Create(e.Id, Guid.NewGuid(), RegistrationStatus.Waitlisted, 7, Now);

        Assert.Equal([first, second], e.SelectForPromotion([third, first, second], placesTaken: 1, Now));
        Assert.Equal([first], e.SelectForPromotion([third, first, second], placesTaken: 2, Now));
        Assert.Empty(e.SelectForPromotion([third, first, second], placesTaken: 3, Now));
    }

    [Fact]
    public void Nobody_is_promoted_once_the_event_has_started()
    {
        var e = Event(Terms(capacity: 3));
        var waiting = ClubEventRegistration.Create(e.Id, Guid.NewGuid(), RegistrationStatus.Waitlisted, 1, Now);

        Assert.Single(e.SelectForPromotion([waiting], 0, Start.AddTicks(-10)));
        Assert.Empty(e.SelectForPromotion([waiting], 0, Start));
    }

    [Fact]
    public void Capacity_cannot_drop_below_the_places_taken()
    {
        var e = Event(Terms(capacity: 5));

        Assert.Equal("capacity_below_registrations", Code(() => e.Revise(Terms(capacity: 2), [], placesTaken: 3, Now)));
        e.Revise(Terms(capacity: 3), [], placesTaken: 3, Now);
        Assert.Equal(3, e.Capacity);
    }

    [Fact]
    public void A_cancelled_event_cannot_be_changed_or_cancelled_again_and_a_finished_one_not_cancelled()
    {
        var e = Event();
        e.Cancel(" Venue flooded ", Now);

        Assert.Equal((ClubEventStatus.Cancelled, "Venue flooded", (DateTimeOffset?)Now), (e.Status, e.CancellationReason, e.CancelledAt));
        Assert.Equal("club_event_cancelled", Code(() => e.Revise(Terms(), [], 0, Now)));
        Assert.Equal("club_event_cancelled", Code(() => e.Cancel("again", Now)));
        Assert.Equal("club_event_ended", Code(() => Event().Cancel("late", End)));
    }

    [Fact]
    public void A_registration_rejoins_at_the_back_and_is_promoted_only_from_the_waiting_list()
    {
        var r = ClubEventRegistration.Create(Guid.NewGuid(), Guid.NewGuid(), RegistrationStatus.Waitlisted, 1, Now);
        r.Promote(Now.AddMinutes(1));
        Assert.Equal((RegistrationStatus.Registered, (DateTimeOffset?)Now.AddMinutes(1)), (r.Status, r.PromotedAt));
        Assert.Throws<InvalidOperationException>(() => r.Promote(Now));

        r.Cancel(Now.AddMinutes(2));
        r.Rejoin(RegistrationStatus.Waitlisted, 12, Now.AddMinutes(3));
        Assert.Equal((RegistrationStatus.Waitlisted, 12L, Now.AddMinutes(3), (DateTimeOffset?)null), (r.Status, r.Sequence, r.RegisteredAt, r.CancelledAt));
        Assert.Throws<InvalidOperationException>(() => r.Rejoin(RegistrationStatus.Registered, 13, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClubEventRegistration.Create(Guid.NewGuid(), Guid.NewGuid(), RegistrationStatus.CheckedIn, 1, Now));
    }
}
