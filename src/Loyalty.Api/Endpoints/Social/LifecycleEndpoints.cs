using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Social;

/// <summary>Suspend, reactivate, close, merge, export and erase members; the member's own close and export.</summary>
public static class LifecycleEndpoints
{
    public static void MapLifecycleEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("/members/{memberId:guid}").WithTags("Member lifecycle");

        admin.MapPost("/suspend", async Task<Ok<MemberLifecycleResponse>> (Guid memberId, MemberStatusChangeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SuspendMemberCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Suspend a member (no earning or spending until reactivated)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("SuspendMember");
        admin.MapPost("/reactivate", async Task<Ok<MemberLifecycleResponse>> (Guid memberId, MemberStatusChangeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReactivateMemberCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Lift a member's suspension")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("ReactivateMember");
        admin.MapPost("/close", async Task<Ok<MemberLifecycleResponse>> (Guid memberId, CloseMemberRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CloseMemberCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Close a membership for good")
            .WithDescription("pointsOnClose: forfeit (the points go, in the same transaction) or keep (they stay on the closed account and can reach a new membership by a merge); default from the points policy. Refused (409 member_has_open_holds) while points are on hold at a till.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("CloseMember");
        admin.MapPost("/merge", async Task<Ok<MergeMembersResponse>> (Guid memberId, MergeMemberRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new MergeMembersCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Merge a duplicate membership into this member")
            .WithDescription("The duplicate's points move with their expiry dates, its purchases and vouchers follow, its ledger stays and shows in this member's history; it becomes Merged. Refused while the duplicate has pending points or points on hold. Merging the same duplicate into the same member again moves whatever reached it since.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("MergeMembers");
        admin.MapGet("/export", async Task<Ok<MemberDataExport>> (Guid memberId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ExportMemberDataQuery(user.GetActor(), memberId), ct)))
            .WithSummary("Everything held about a member, as one JSON document (audited)").ProducesProblem(404)
            .WithName("ExportMemberData");
        admin.MapPost("/erasure", async Task<Ok<MemberLifecycleResponse>> (Guid memberId, MemberStatusChangeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EraseMemberCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Erase a member's personal data (irreversible)")
            .WithDescription("Names, contact details, birth date and app login are anonymised; ledger, purchases and amounts stay. An open membership closes and its points are forfeited. Repeating it changes nothing.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("EraseMember");

        var me = api.Member.MapGroup("").WithTags("Me");
        me.MapPost("/close", async Task<Ok<MembershipClosedResponse>> (CloseMyMembershipRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CloseMyMembershipCommand(user.GetSubject(), request), ct)))
            .RequireIdempotencyKey()
            .WithSummary("Close my membership (final; points may be forfeited)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("CloseMyMembership");
        me.MapGet("/export", async Task<Ok<MemberDataExport>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ExportMyDataQuery(user.GetSubject()), ct)))
            .WithSummary("All my data, as one JSON document").ProducesProblem(404)
            .WithName("ExportMyData");
    }
}
