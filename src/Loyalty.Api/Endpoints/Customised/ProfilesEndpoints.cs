using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>
/// Profiles and consents: the member's own profile in the app; topics, attributes, households, profiles, consent history
/// and look-up for staff; for partners only what a till needs (find a card, record a consent) and their own attributes.
/// </summary>
public static class ProfilesEndpoints
{
    public static void MapProfilesEndpoints(this Audiences api)
    {
        MapMember(api);
        MapStaff(api);
        MapPartner(api);
    }

    private static void MapMember(Audiences api)
    {
        var me = api.Member.MapGroup("/profile").WithTags("Profile");
        me.MapGet("/", async Task<Ok<MyProfileResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ViewMyProfileQuery(user.GetSubject()), ct)))
            .WithSummary("My interests, preferences, household, attributes and consents").ProducesProblem(404)
            .WithName("GetMyCustomerProfile");
        me.MapPatch("/", async Task<Ok<MyProfileResponse>> (UpdateMyProfileRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateMyProfileCommand(user.GetSubject(), request), ct)))
            .WithSummary("Change my interests, preferences, attributes or consents (only what is given changes)")
            .WithDescription("interests replaces the set (topic codes); details replaces preferences and income band; attributes sets the codes given (null removes); consents changes the pairs given, each change kept with its time and source app.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("UpdateMyCustomerProfile");
        me.MapGet("/options", async Task<Ok<ProfileOptionsResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProfileOptionsQuery(), ct)))
            .WithSummary("The interest topics and attributes I can choose from")
            .WithName("GetProfileOptions");
        api.Member.MapGet("/consents/history", async Task<Ok<Page<ConsentHistoryEntry>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyConsentHistoryQuery(user.GetSubject(), limit, cursor), ct)))
            .WithTags("Profile")
            .WithSummary("Every change of my consents, newest first").ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMyConsentHistory");
    }

    private static void MapStaff(Audiences api)
    {
        var topics = api.Programme.MapGroup("/interest-topics").WithTags("Profiles");
        topics.MapGet("/", async Task<Ok<Page<InterestTopicResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInterestTopicsQuery(limit, cursor), ct)))
            .WithSummary("Interest topics by code, with how many members chose each").ProducesProblem(400)
            .WithName("ListInterestTopics");
        topics.MapPost("/", async Task<Created<InterestTopicResponse>> (CreateInterestTopicRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var topic = await sender.Send(new CreateInterestTopicCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/interest-topics/{topic.Id}", topic);
            })
            .WithSummary("Add an interest topic members can choose").ProducesValidationProblem().ProducesProblem(409)
            .WithName("CreateInterestTopic");
        topics.MapPut("/{topicId:guid}", async Task<Ok<InterestTopicResponse>> (Guid topicId, UpdateInterestTopicRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateInterestTopicCommand(user.GetActor(), topicId, request), ct)))
            .WithSummary("Rename or retire an interest topic (its code never changes)").ProducesValidationProblem().ProducesProblem(404)
            .WithName("UpdateInterestTopic");

        var attributes = api.Programme.MapGroup("/profile-attributes").WithTags("Profiles");
        attributes.MapGet("/", async Task<Ok<Page<ProfileAttributeResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProfileAttributesQuery(limit, cursor), ct)))
            .WithSummary("The programme's optional member attributes by code").ProducesProblem(400)
            .WithName("ListProfileAttributes");
        attributes.MapPost("/", async Task<Created<ProfileAttributeResponse>> (CreateProfileAttributeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var attribute = await sender.Send(new CreateProfileAttributeCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/profile-attributes/{attribute.Id}", attribute);
            })
            .WithSummary("Define an optional member attribute (text, number, boolean, date or choice)").ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422)
            .WithName("CreateProfileAttribute");
        attributes.MapPut("/{attributeId:guid}", async Task<Ok<ProfileAttributeResponse>> (Guid attributeId, UpdateProfileAttributeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateProfileAttributeCommand(user.GetActor(), attributeId, request), ct)))
            .WithSummary("Rename, change the choices of or retire an attribute").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("UpdateProfileAttribute");

        var members = api.Admin.MapGroup("/members").WithTags("Profiles");
        members.MapGet("/{memberId:guid}/profile", async Task<Ok<AdminMemberProfileResponse>> (Guid memberId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberProfileQuery(memberId), ct)))
            .WithSummary("A member's profile and consents, with every partner's attributes").ProducesProblem(404)
            .WithName("GetMemberCustomerProfile");
        members.MapPatch("/{memberId:guid}/profile", async Task<Ok<AdminMemberProfileResponse>> (Guid memberId, UpdateMyProfileRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateMemberProfileCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Change a member's profile or consents for them (audited; consents recorded with source staff)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("UpdateMemberCustomerProfile");
        members.MapGet("/{memberId:guid}/consents/history", async Task<Ok<Page<ConsentHistoryEntry>>> (Guid memberId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMemberConsentHistoryQuery(memberId, limit, cursor), ct)))
            .WithSummary("Every change of a member's consents, newest first, with who recorded it").ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMemberConsentHistory");
        var consentImports = api.Admin.MapGroup("/consent-imports").WithTags("Profiles");
        consentImports.MapPost("/", async Task<Ok<ConsentImportResponse>> (ImportConsentsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ImportConsentsCommand(user.GetActor(), request), ct)))
            .RequireIdempotencyKey()
            .WithSummary("Bring in up to 1,000 consent decisions made elsewhere (CRM, previous programme, paper forms)")
            .WithDescription("Each row is recorded with source import and actor import:{reference}, all in one transaction. A row whose decidedAt is older than the member's latest change of that consent is skipped as stale; unknown, closed, merged and erased members are reported per row, not refused. Malformed member numbers or a member, purpose and channel given twice refuse the whole import (400). Requires an Idempotency-Key. Audited (consents.imported).")
            .ProducesValidationProblem()
            .WithName("ImportConsents");
        members.MapPost("/lookup", async Task<Ok<MemberMatchesResponse>> (StaffMemberLookupRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LookUpMembersByContactQuery(request), ct)))
            .WithSummary("Find members by exact e-mail or exact phone number")
            .WithDescription("A POST so the contact details stay out of URLs and logs; it changes nothing.")
            .ProducesValidationProblem()
            .WithName("LookUpMembersByContact");

        var households = api.Admin.MapGroup("/households").WithTags("Profiles");
        households.MapPost("/", async Task<Created<HouseholdResponse>> (HouseholdRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var household = await sender.Send(new CreateHouseholdCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/households/{household.Id}", household);
            })
            .WithSummary("Link members of one household, with a head").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("CreateHousehold");
        households.MapGet("/{householdId:guid}", async Task<Ok<HouseholdResponse>> (Guid householdId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetHouseholdQuery(householdId), ct)))
            .WithSummary("A household and its members").ProducesProblem(404)
            .WithName("GetHousehold");
        households.MapPut("/{householdId:guid}", async Task<Ok<HouseholdResponse>> (Guid householdId, HouseholdRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplaceHouseholdCommand(user.GetActor(), householdId, request), ct)))
            .WithSummary("Set a household's members and head (members left out leave it)").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("ReplaceHousehold");
        households.MapDelete("/{householdId:guid}", async Task<NoContent> (Guid householdId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DissolveHouseholdCommand(user.GetActor(), householdId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Unlink every member and remove the household").ProducesProblem(404)
            .WithName("DissolveHousehold");
    }

    private static void MapPartner(Audiences api)
    {
        var partner = api.Partner.MapGroup("/members").WithTags("Members");
        partner.MapPost("/lookup", async Task<Ok<PartnerMemberLookupResponse>> (PartnerMemberLookupRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new TillLookUpMemberQuery(request), ct)))
            .RequireScope(ApiKeyScopes.MembersLookup)
            .WithSummary("Find a card by exact e-mail or phone")
            .WithDescription("For a customer without their card. Exactly one of email (any case) or phone (as the member gave it); only an open membership matches, a phone shared by several members answers 409 contact_ambiguous. Answers the member id and card number, nothing else. A POST so contact details stay out of URLs and logs.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("PartnerLookUpMemberByContact");
        partner.MapPost("/{memberNumber}/consents", async Task<NoContent> (string memberNumber, RecordTillConsentsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RecordTillConsentsCommand(user.GetPartnerId(), memberNumber, request), ct);
                return TypedResults.NoContent();
            })
            .RequireScope(ApiKeyScopes.MembersConsents).RequireIdempotencyKey()
            .WithSummary("Record consents the customer gave or withdrew at the till (source till)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("RecordTillConsents");
        partner.MapGet("/{memberNumber}/attributes", async Task<Ok<PartnerAttributesResponse>> (string memberNumber, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPartnerAttributesQuery(user.GetPartnerId(), memberNumber), ct)))
            .RequireScope(ApiKeyScopes.MembersAttributes)
            .WithSummary("My attributes of a member (only my own namespace)").ProducesProblem(400).ProducesProblem(404)
            .WithName("GetPartnerAttributes");
        partner.MapPut("/{memberNumber}/attributes", async Task<Ok<PartnerAttributesResponse>> (string memberNumber, SetPartnerAttributesRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetPartnerAttributesCommand(user.GetPartnerId(), memberNumber, request), ct)))
            .RequireScope(ApiKeyScopes.MembersAttributes).RequireIdempotencyKey()
            .WithSummary("Set or remove my attributes of a member (null removes a key; keys not given stay)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("SetPartnerAttributes");
    }
}
