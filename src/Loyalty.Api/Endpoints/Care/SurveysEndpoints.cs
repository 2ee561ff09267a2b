using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Care.Surveys;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Care;

/// <summary>Satisfaction: members answer the surveys they were asked; staff read answers and reports, and the reasons for leaving.</summary>
public static class SurveysEndpoints
{
    private const string Tag = "Satisfaction";

    public static void MapSurveysEndpoints(this Audiences api)
    {
        var me = api.Member.MapGroup("/surveys").WithTags(Tag);
        me.MapGet("/", async Task<Ok<Page<MySurveyResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMySurveysQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("Surveys waiting for my answer, newest first")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMySurveys");
        me.MapPost("/{surveyId:guid}/answers", async Task<Ok<SurveyAnsweredResponse>> (Guid surveyId, AnswerSurveyRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AnswerMySurveyCommand(user.GetSubject(), surveyId, request), ct)))
            .WithSummary("Answer a survey: CSAT 1–5, NPS 0–10, free text, expected and perceived per service dimension")
            .WithDescription("Once per survey (422 survey_already_answered), before it expires (422 survey_expired). dimensions are the ones the survey lists (422 unknown_service_dimension).")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("AnswerMySurvey");

        var admin = api.Admin.MapGroup("/surveys").WithTags(Tag);
        admin.MapGet("/", async Task<Ok<Page<SurveyAnswerResponse>>> (Guid? memberId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListSurveyAnswersQuery(memberId, limit, cursor), ct)))
            .WithSummary("Answered surveys, newest first, linked to member, tier, store and partner")
            .ProducesProblem(400)
            .WithName("ListSurveyAnswers");
        admin.MapGet("/report", async Task<Ok<SatisfactionReportResponse>> (DateTimeOffset from, DateTimeOffset to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSatisfactionReportQuery(from, to), ct)))
            .WithSummary("Satisfaction: NPS, CSAT and the expected-versus-perceived gap per dimension, per touchpoint and per tier")
            .WithDescription("Over surveys answered in [from, to). NPS = % promoters (9–10) − % detractors (0–6). Gap = mean perceived − mean expected (negative: below expectations).")
            .ProducesValidationProblem()
            .WithName("GetSatisfactionReport");
        admin.MapGet("/leaving-reasons", async Task<Ok<LeavingReasonsReportResponse>> (DateTimeOffset from, DateTimeOffset to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLeavingReasonsReportQuery(from, to), ct)))
            .WithSummary("Reasons for leaving given at self-close and staff close, counted, with the latest free texts")
            .ProducesValidationProblem()
            .WithName("GetLeavingReasonsReport");
    }
}
