using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Social.Referrals;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Social;

/// <summary>Referrals: the member's code and referrals in the app, the programme's settings and a member's referrals for staff.</summary>
public static class ReferralsEndpoints
{
    public static void MapReferralsEndpoints(this Audiences api)
    {
        var me = api.Member.MapGroup("").WithTags("Referrals");
        me.MapGet("/referrals", async Task<Ok<MyReferralsResponse>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyReferralsQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My referral code and the friends I referred, newest first")
            .WithDescription("Friends are shown by first name and initial. A pending referral past its window reads as rejected (window_expired). Cursor-paginated: pass referrals.nextCursor back as cursor.")
            .ProducesValidationProblem().ProducesProblem(400).ProducesProblem(404)
            .WithName("GetMyReferrals");

        var programme = api.Programme.MapGroup("").WithTags("Referral programme");
        programme.MapGet("/referral-programme", async Task<Ok<ReferralProgrammeResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReferralProgrammeQuery(), ct)))
            .WithSummary("The referral programme: points for both sides, the qualifying purchase, caps and window")
            .WithName("GetReferralProgramme");
        programme.MapPut("/referral-programme", async Task<Ok<ReferralProgrammeResponse>> (ReferralProgrammeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeReferralProgrammeCommand(user.GetActor(), request), ct)))
            .WithSummary("Change the referral programme")
            .WithDescription("Applies to referrals decided from now on, pending ones included (their window follows the new setting). Audited.")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("ChangeReferralProgramme");

        var admin = api.Admin.MapGroup("").WithTags("Members");
        admin.MapGet("/members/{memberId:guid}/referrals", async Task<Ok<MemberReferralsResponse>> (Guid memberId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberReferralsQuery(memberId), ct)))
            .WithSummary("A member's referral code, who referred them and whom they referred").ProducesProblem(404)
            .WithName("GetMemberReferrals");
    }
}
