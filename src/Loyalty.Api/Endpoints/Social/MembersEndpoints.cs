using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Social;

/// <summary>
/// Members: joining in the app and the member's own profile, points and history (the token's subject is the member:
/// nobody can ask for someone else's data); enrolling and looking up at the till; search and read for staff.
/// </summary>
public static class MembersEndpoints
{
    public static void MapMembersEndpoints(this Audiences api)
    {
        var me = api.Member.MapGroup("").WithTags("Me");
        me.MapPost("/", async Task<Created<MemberProfileResponse>> (SelfEnrolRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Created("/api/v1/me", await sender.Send(new SelfEnrolCommand(user.GetSubject(), request), ct)))
            .WithSummary("Join the club from the app").ProducesValidationProblem().ProducesProblem(409)
            .WithName("SelfEnrol");
        me.MapGet("/", async Task<Ok<MemberProfileResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyProfileQuery(user.GetSubject()), ct))).WithSummary("My profile").ProducesProblem(404)
            .WithName("GetMyProfile");
        me.MapGet("/points", async Task<Ok<PointsBalanceResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyBalanceQuery(user.GetSubject()), ct))).WithSummary("My points balance").ProducesProblem(404)
            .WithName("GetMyBalance");
        me.MapGet("/points/history", async Task<Ok<Page<PointsHistoryEntry>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyHistoryQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My points history, newest first").WithDescription("Cursor-paginated: pass nextCursor back as cursor.").ProducesProblem(400).ProducesProblem(404)
            .WithName("GetMyHistory");

        var partner = api.Partner.MapGroup("").WithTags("Members");
        partner.MapPost("/members", async Task<Created<EnrolledMemberResponse>> (EnrolMemberRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var member = await sender.Send(new EnrolMemberAtStoreCommand(user.GetPartnerId(), request), ct);
                return TypedResults.Created($"/api/v1/partner/members/{member.MemberNumber}", member);
            })
            .RequireScope(ApiKeyScopes.MembersEnrol).RequireIdempotencyKey()
            .WithSummary("Enrol a customer at the till")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("EnrolMemberAtStore");

        partner.MapGet("/members/{memberNumber}", async Task<Ok<MemberLookupResponse>> (string memberNumber, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new LookUpMemberQuery(memberNumber), ct)))
            .RequireScope(ApiKeyScopes.MembersRead)
            .WithSummary("Look a member up by card number")
            .WithDescription("Returns what a till may show: display name, tier and available points. A mistyped number fails its check digit with 400 invalid_member_number.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("LookUpMember");

        var members = api.Admin.MapGroup("/members").WithTags("Members");
        members.MapGet("/", async Task<Ok<Page<AdminMemberResponse>>> (string? query, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SearchMembersQuery(query, limit, cursor), ct)))
            .WithSummary("Search members by member number, e-mail or name").WithDescription("query matches a member number (spaces allowed), an exact e-mail, or the start of a first or last name.")
            .WithName("SearchMembers");
        members.MapPost("/", async Task<Created<AdminMemberResponse>> (StaffEnrolMemberRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var member = await sender.Send(new EnrolMemberByStaffCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/members/{member.Id}", member);
            })
            .WithSummary("Enrol a member (staff), with the consents the person gave")
            .WithDescription("Channel admin; storeId (optional) records where. Consents are recorded with source staff. Audited.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("EnrolMemberByStaff");
        members.MapGet("/{memberId:guid}", async Task<Ok<AdminMemberResponse>> (Guid memberId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMemberQuery(memberId), ct))).WithSummary("Get a member").ProducesProblem(404)
            .WithName("GetMember");
    }
}
