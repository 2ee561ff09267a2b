using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.OpenApi;
using Loyalty.Application.Features.Social.ClubEvents;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Social;

/// <summary>Club events: organised by staff, browsed and joined in the app, attended with a check-in by staff or the hosting partner.</summary>
public static class ClubEventsEndpoints
{
    private const string Tag = "Club events";

    public static void MapClubEventsEndpoints(this Audiences api)
    {
        MapAdmin(api.Programme.MapGroup("/club-events").WithTags(Tag));
        MapMember(api.Member.MapGroup("/club-events").WithTags(Tag));
        MapPartner(api.Partner.MapGroup("/club-events").WithTags(Tag));
    }

    private static void MapAdmin(RouteGroupBuilder events)
    {
        events.MapPost("/", async Task<Created<ClubEventResponse>> (ClubEventRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateClubEventCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/club-events/{created.Id}", created);
            })
            .WithSummary("Create a club event")
            .WithDescription("The place is a venue (venueName + venueAddress) or an onlineUrl. partnerId/storeId name the host, whose keys may check members in. eligibleTierIds empty means every tier. Registration opens at registrationOpensAt (null: now) and closes at registrationClosesAt (null: the start); a registered member may cancel until cancellationClosesAt (null: the start). Windows include their start and exclude their end, in UTC. 422 invalid_club_event, unknown_tier, unknown_partner, unknown_store. Audited.")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("CreateClubEvent");
        events.MapGet("/", async Task<Ok<Page<ClubEventResponse>>> (DateTimeOffset? endingAfter, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListClubEventsQuery(endingAfter, limit, cursor), ct)))
            .WithSummary("List club events by start time, with registration counts")
            .WithDescription("endingAfter (e.g. now) leaves out events that ended before it. Cursor-paginated: pass nextCursor back as cursor.")
            .ProducesProblem(400)
            .WithName("ListClubEvents");
        events.MapGet("/{eventId:guid}", async Task<Ok<ClubEventResponse>> (Guid eventId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetClubEventQuery(eventId), ct)))
            .WithSummary("Get a club event with its registration counts").ProducesProblem(404)
            .WithName("GetClubEvent");
        events.MapPut("/{eventId:guid}", async Task<Ok<ClubEventResponse>> (Guid eventId, ClubEventRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateClubEventCommand(user.GetActor(), eventId, request), ct)))
            .WithSummary("Replace a club event's details")
            .WithDescription("The whole event is sent. A higher capacity gives the new places to the waiting list at once (first come, first served); capacity below the places taken is 422 capacity_below_registrations. A cancelled event is 422 club_event_cancelled, one that is over 422 club_event_ended. Audited.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("UpdateClubEvent");
        events.MapPost("/{eventId:guid}/cancel", async Task<Ok<ClubEventResponse>> (Guid eventId, CancelClubEventRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelClubEventCommand(user.GetActor(), eventId, request), ct)))
            .WithSummary("Cancel a club event")
            .WithDescription("Every registration and waiting place is cancelled; each member gets a club_event.cancelled event (outbox). Check-ins already made keep their points. 422 club_event_cancelled (again), club_event_ended. Audited.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("CancelClubEvent");
        events.MapGet("/{eventId:guid}/registrations", async Task<Ok<Page<ClubEventAttendeeResponse>>> (Guid eventId, [QueryEnum(typeof(Contracts.Common.RegistrationStatus))] string? status, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListClubEventRegistrationsQuery(eventId, status, limit, cursor), ct)))
            .WithSummary("List an event's registrations in the order members joined")
            .WithDescription("status filters: Registered, Waitlisted (the waiting list, with positions, first in line first), CheckedIn, Cancelled. Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListClubEventRegistrations");
        events.MapPost("/{eventId:guid}/check-ins", async Task<Results<Created<ClubEventCheckInResponse>, Ok<ClubEventCheckInResponse>>> (Guid eventId, StaffCheckInRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                CheckInResult(await sender.Send(new StaffCheckInCommand(user.GetActor(), eventId, request), ct)))
            .WithSummary("Check a registered member in at the door")
            .WithDescription(CheckInDescription)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("StaffCheckIn");
    }

    private static void MapMember(RouteGroupBuilder me)
    {
        me.MapGet("/", async Task<Ok<Page<ClubEventOfferResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new BrowseClubEventsQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("Upcoming club events I may attend, soonest first")
            .WithDescription("Scheduled events not yet over that are open to my tier, each with places left, my registration (myStatus, myWaitlistPosition) and whether I can register now. Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("BrowseClubEvents");
        me.MapGet("/registrations", async Task<Ok<Page<ClubEventRegistrationResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListMyClubEventRegistrationsQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My event registrations, latest event first")
            .WithDescription("Every status: Registered, Waitlisted (with my position), CheckedIn (with the points awarded), Cancelled. Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMyClubEventRegistrations");
        me.MapGet("/{eventId:guid}", async Task<Ok<ClubEventOfferResponse>> (Guid eventId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyClubEventQuery(user.GetSubject(), eventId), ct)))
            .WithSummary("One club event").ProducesProblem(404)
            .WithName("GetMyClubEvent");
        me.MapPost("/{eventId:guid}/registration", async Task<Results<Created<ClubEventRegistrationResponse>, Ok<ClubEventRegistrationResponse>>> (Guid eventId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var (registration, created) = await sender.Send(new RegisterForClubEventCommand(user.GetSubject(), eventId), ct);
                return created
                    ? TypedResults.Created($"/api/v1/me/club-events/{eventId}", registration)
                    : TypedResults.Ok(registration);
            })
            .WithSummary("Register for a club event")
            .WithDescription("No body. 201 with status Registered while places are left, else Waitlisted with waitlistPosition. Registering again while registered or waiting answers 200 with the existing registration. Refusals: 404 club_event_not_found; 422 club_event_not_eligible (my tier), registration_not_open, registration_closed, club_event_cancelled, club_event_ended, member_suspended, member_closed.")
            .ProducesProblem(404).ProducesProblem(422)
            .WithName("RegisterForClubEvent");
        me.MapDelete("/{eventId:guid}/registration", async Task<Ok<ClubEventRegistrationResponse>> (Guid eventId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelClubEventRegistrationCommand(user.GetSubject(), eventId), ct)))
            .WithSummary("Cancel my registration or leave the waiting list")
            .WithDescription("A registered place can be given up until cancellationClosesAt and goes to the first member waiting; the waiting list can be left until the event starts. 404 registration_not_found; 422 cancellation_closed, registration_cancelled, registration_checked_in, club_event_cancelled.")
            .ProducesProblem(404).ProducesProblem(422)
            .WithName("CancelClubEventRegistration");
    }

    private static void MapPartner(RouteGroupBuilder partner)
    {
        partner.MapGet("/", async Task<Ok<Page<PartnerClubEventResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListHostedClubEventsQuery(user.GetPartnerId(), limit, cursor), ct)))
            .RequireScope(ApiKeyScopes.PointsEarn)
            .WithSummary("The club events you host that are still open for check-in, soonest first")
            .ProducesProblem(400)
            .WithName("ListHostedClubEvents");
        partner.MapPost("/{eventId:guid}/check-ins", async Task<Results<Created<ClubEventCheckInResponse>, Ok<ClubEventCheckInResponse>>> (Guid eventId, PartnerCheckInRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                CheckInResult(await sender.Send(new PartnerCheckInCommand(user.GetPartnerId(), ApiKeyId(user), eventId, request), ct)))
            .RequireScope(ApiKeyScopes.PointsEarn).RequireIdempotencyKey()
            .WithSummary("Check a registered member in at an event you host")
            .WithDescription("Only at events you host (another partner's event is 404 club_event_not_found), at one of your stores (404 store_not_found), the event's own store if it names one (422 club_event_wrong_store). " + CheckInDescription)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("PartnerCheckIn");
    }

    private const string CheckInDescription =
        "Allowed from 1 hour before the start until 12 hours after the end (422 check_in_not_open, check_in_closed). 201 credits the event's points once (a Bonus ledger entry referencing the registration); a member already checked in, by any channel, is answered 200 with that check-in and alreadyCheckedIn true, and earns nothing more. Walk-ins are refused: 422 not_registered; also registration_waitlisted, registration_cancelled, club_event_cancelled, member_suspended; 404 member_not_found, 400 invalid_member_number.";

    private static Results<Created<ClubEventCheckInResponse>, Ok<ClubEventCheckInResponse>> CheckInResult(ClubEventCheckInResponse checkIn) =>
        checkIn.AlreadyCheckedIn ? TypedResults.Ok(checkIn) : TypedResults.Created((string?)null, checkIn);

    private static Guid ApiKeyId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(LoyaltyClaims.ApiKeyId), out var id) ? id : Guid.Empty;
}
