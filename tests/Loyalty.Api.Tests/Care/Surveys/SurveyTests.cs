using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Care.Surveys;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Care.CareKit;
using DomainTouchpoint = Loyalty.Domain.Care.Surveys.SurveyTouchpoint;

namespace Loyalty.Api.Tests.Care.Surveys;

[Collection(ApiCollection.Name)]
public sealed class SurveyTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_survey_is_never_requested_beyond_the_members_cap(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var away = api.Clock.Travel(TimeSpan.FromDays(6000)); // touchpoints of this test's own (the job looks back 72 h)
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        await s.EarnAsync(member.Number, 10m);
        await s.EarnAsync(member.Number, 11m);
        var complaint = await member.OpenMyCaseAsync();
        await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{complaint.Id}/resolution"), new ResolveCaseRequest(CaseOutcome.Upheld, "Fixed"), idempotent: true);

        await api.RunToEndAsync<SurveyRequestJob>();
        await api.RunToEndAsync<SurveyRequestJob>();
        var pending = await member.Client.GetAllAsync<MySurveyResponse>(MySurveys);
        Assert.Equal(2, pending.Count); // the programme's cap: 2 in 30 days; the third touchpoint was decided without a survey
        Assert.All(pending, p => Assert.Equal(SurveyTouchpoint.Purchase, p.Touchpoint));
        Assert.Equal(["speed", "friendliness", "knowledge", "reliability"], pending[0].Dimensions);
        Assert.Equal(2, (await api.EventsAsync<SurveyRequestedV1>(member.Id)).Count);
        await using (var db = api.CreateDbContext())
        {
            Assert.Equal(3, await db.SurveyTriggers.CountAsync(t => t.MemberId == member.Id));
            Assert.Equal(1, await db.SurveyTriggers.CountAsync(t => t.MemberId == member.Id && t.SurveyId == null));
        }

        // Concurrent requests race for the member's last place: never more than the cap.
        var racer = await s.AppMemberAsync();
        var touchpoints = Enumerable.Range(0, 6).Select(_ => new RequestSurveyCommand(DomainTouchpoint.Purchase, Guid.NewGuid(), racer.Id, s.Store.Id, s.PartnerInfo.Id)).ToList();
        await Task.WhenAll(touchpoints.Select(async t =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(t);
            }
            catch (DbUpdateException)
            {
                // the loser of a race; the job would try it again
            }
        }));
        foreach (var t in touchpoints)
        {
            await using var scope = api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(t);
        }

        await using (var db = api.CreateDbContext())
        {
            Assert.Equal(2, await db.Surveys.CountAsync(x => x.MemberId == racer.Id));
            Assert.Equal(6, await db.SurveyTriggers.CountAsync(x => x.MemberId == racer.Id));
        }

        // Once the window has passed, the member may be asked again.
        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            await s.EarnAsync(member.Number, 12m);
            await api.RunToEndAsync<SurveyRequestJob>();
            Assert.Equal(3, (await api.EventsAsync<SurveyRequestedV1>(member.Id)).Count);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_answer_their_surveys_once_and_the_report_shows_nps_csat_and_the_gap(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var away = api.Clock.Travel(TimeSpan.FromDays(6100));
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        var other = await s.AppMemberAsync();
        var from = api.Clock.GetUtcNow();
        await s.EarnAsync(member.Number, 10m);
        await api.RunToEndAsync<SurveyRequestJob>();
        var survey = Assert.Single(await member.Client.GetAllAsync<MySurveyResponse>(MySurveys));
        var url = $"{MySurveys}/{survey.Id}/answers";

        using (var theirs = await other.Client.PostAsync(url, new AnswerSurveyRequest(5, 10), null))
        {
            await theirs.AssertProblemAsync(HttpStatusCode.NotFound, "survey_not_found");
        }

        using (var unknown = await member.Client.PostAsync(url, new AnswerSurveyRequest(4, 9, null, [new DimensionAnswer("price", 3, 3)]), null))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_service_dimension");
        }

        using (var outOfRange = await member.Client.PostAsync(url, new AnswerSurveyRequest(6, 9), null))
        {
            await outOfRange.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        await member.Client.PostJsonAsync<SurveyAnsweredResponse>(url, new AnswerSurveyRequest(4, 9, "Quick, but the shelf was empty", [new DimensionAnswer("speed", 4, 2), new DimensionAnswer("friendliness", 3, 4)]));
        using (var twice = await member.Client.PostAsync(url, new AnswerSurveyRequest(4, 9), null))
        {
            await twice.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "survey_already_answered");
        }

        Assert.Empty(await member.Client.GetAllAsync<MySurveyResponse>(MySurveys));
        var answer = Assert.Single(await s.Admin.GetAllAsync<SurveyAnswerResponse>($"/api/v1/admin/surveys?memberId={member.Id}"));
        Assert.Equal((member.TierId, s.Store.Id, s.PartnerInfo.Id, 4, 9), (answer.TierId, answer.StoreId, answer.PartnerId, answer.Csat, answer.Nps));

        var to = api.Clock.GetUtcNow().AddMinutes(1);
        var report = await s.Admin.GetJsonAsync<SatisfactionReportResponse>($"/api/v1/admin/surveys/report?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        Assert.Equal((1, 1, 100m, 4m), (report.Requested, report.Answered, report.Nps, report.Csat));
        Assert.Equal([new DimensionGap("friendliness", 1, 3m, 4m, 1m), new DimensionGap("speed", 1, 4m, 2m, -2m)], report.Gaps);
        var purchase = Assert.Single(report.ByTouchpoint);
        Assert.Equal(("purchase", -2m), (purchase.Key, purchase.Gaps.Single(g => g.Dimension == "speed").Gap));
        Assert.Equal(1, Assert.Single(report.ByTier).Answers);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_run_decides_a_backlog_larger_than_its_batch(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var away = api.Clock.Travel(TimeSpan.FromDays(6300));
        var s = await Scenario.StartAsync(api);
        var members = new List<AppMember>();
        for (var i = 0; i < 5; i++)
        {
            var member = await s.AppMemberAsync();
            await s.EarnAsync(member.Number, 10m + i);
            members.Add(member);
        }

        // Batches of two: one run used to decide two purchases a run and leave the rest for later runs.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RequestSurveysCommand(BatchSize: 2)));
        }

        var ids = members.Select(m => m.Id).ToList();
        await using var db = api.CreateDbContext();
        Assert.Equal(5, await db.SurveyTriggers.CountAsync(t => ids.Contains(t.MemberId) && t.SurveyId != null));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_reason_for_leaving_is_kept_at_self_close_and_at_staff_close(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var away = api.Clock.Travel(TimeSpan.FromDays(6200));
        var s = await Scenario.StartAsync(api);
        var from = api.Clock.GetUtcNow();
        var leaving = await s.AppMemberAsync();
        var closed = await s.EnrolAsync();
        var silent = await s.AppMemberAsync();

        await leaving.Client.PostJsonAsync<MembershipClosedResponse>("/api/v1/me/close", new CloseMyMembershipRequest(true, LeavingReason.PoorService, "Nobody answered my complaint"), idempotent: true);
        await s.Admin.PostJsonAsync<MemberLifecycleResponse>($"/api/v1/admin/members/{closed.Id}/close", new CloseMemberRequest("Asked by phone", null, LeavingReason.MovedAway));
        await silent.Client.PostJsonAsync<MembershipClosedResponse>("/api/v1/me/close", new CloseMyMembershipRequest(true), idempotent: true);

        var report = await s.Admin.GetJsonAsync<LeavingReasonsReportResponse>(
            $"/api/v1/admin/surveys/leaving-reasons?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(api.Clock.GetUtcNow().AddMinutes(1).ToString("O"))}");
        Assert.Equal(2, report.Total);
        Assert.Equal([new LeavingReasonCount(LeavingReason.PoorService, 1, 0, 1), new LeavingReasonCount(LeavingReason.MovedAway, 0, 1, 1)], report.ByReason);
        var text = Assert.Single(report.LatestTexts);
        Assert.Equal((leaving.Id, LeavingReasonSource.Self, "Nobody answered my complaint"), (text.MemberId, text.Source, text.Text));
    }
}
