using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Care;

/// <summary>App members, case urls, the care jobs run to the end, and the events a test's own records produced.</summary>
internal static class CareKit
{
    public const string MyCases = "/api/v1/me/cases";
    public const string MySurveys = "/api/v1/me/surveys";

    public static string StaffCases(Guid memberId, string tail = "") => $"/api/v1/admin/members/{memberId}/cases{tail}";

    public sealed record AppMember(HttpClient Client, string Number, Guid Id, Guid TierId);

    public static async Task<AppMember> AppMemberAsync(this Scenario s)
    {
        var id = Unique.Id();
        var client = s.MemberClient("care-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Care", "Member" + id, $"care{id}@example.com", null, null));
        await using var db = s.Api.CreateDbContext();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.MemberNumber == profile.MemberNumber);
        return new AppMember(client, profile.MemberNumber, member.Id, member.TierId);
    }

    public static Task<MyCaseResponse> OpenMyCaseAsync(this AppMember m, string title = "Points missing") =>
        m.Client.PostJsonAsync<MyCaseResponse>(MyCases, new OpenMyCaseRequest(CaseCategory.Points, CaseSeverity.Medium, title, "Receipt R-1 earned nothing"), idempotent: true);

    /// <summary>Runs a job until it finds nothing more to do (other tests' records may come first in its batches).</summary>
    public static async Task<int> RunToEndAsync<TJob>(this LoyaltyApiFactory api)
        where TJob : PeriodicJob
    {
        var job = api.Services.GetRequiredService<TJob>();
        var total = 0;
        for (var handled = await job.RunOnceAsync(CancellationToken.None); handled > 0; handled = await job.RunOnceAsync(CancellationToken.None))
        {
            total += handled;
        }

        return total;
    }

    public static async Task<List<TEvent>> EventsAsync<TEvent>(this LoyaltyApiFactory api, Guid memberId)
        where TEvent : class, ILoyaltyEvent
    {
        var type = TEvent.EventType;
        await using var db = api.CreateDbContext();
        var rows = await db.OutboxMessages.AsNoTracking().Where(o => o.Type == type && o.MemberId == memberId).ToListAsync();
        return rows.OrderBy(o => o.OccurredAt).Select(o => (TEvent)LoyaltyEvents.Deserialize(o.Type, JsonDocument.Parse(o.Payload).RootElement)!).ToList();
    }
}
