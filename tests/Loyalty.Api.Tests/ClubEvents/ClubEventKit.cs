using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.ClubEvents;

/// <summary>Steps the club event tests share. Events and members persist for the run; every test makes its own.</summary>
internal static class ClubEventKit
{
    public const string AdminEvents = "/api/v1/admin/club-events";
    public const string MyEvents = "/api/v1/me/club-events";
    public const string PartnerEvents = "/api/v1/partner/club-events";

    /// <summary>An event at the scenario's store starting <paramref name="startsIn"/> from the API's now (30 minutes: check-in is already open).</summary>
    public static ClubEventRequest NewEvent(
        this Scenario s,
        int capacity = 10,
        long points = 40,
        TimeSpan? startsIn = null,
        IReadOnlyList<Guid>? tiers = null,
        DateTimeOffset? opens = null,
        DateTimeOffset? closes = null,
        DateTimeOffset? cancelBy = null,
        bool hosted = true)
    {
        var start = s.Api.Clock.GetUtcNow() + (startsIn ?? TimeSpan.FromMinutes(30));
        return new ClubEventRequest(
            "Event " + Unique.Id(), "Members' evening", start, start.AddHours(2), "The Roastery", "1 Bean Street, Springfield", null,
            hosted ? s.PartnerInfo.Id : null, hosted ? s.Store.Id : null, capacity, points, tiers, opens, closes, cancelBy);
    }

    public static Task<ClubEventResponse> CreateEventAsync(this Scenario s, ClubEventRequest request) =>
        s.Admin.PostJsonAsync<ClubEventResponse>(AdminEvents, request);

    public static Task<ClubEventResponse> GetEventAsync(this Scenario s, Guid id) => s.Admin.GetJsonAsync<ClubEventResponse>($"{AdminEvents}/{id}");

    /// <summary>A member who joined from the app.</summary>
    public static async Task<EventMember> JoinAsync(this Scenario s)
    {
        var id = Unique.Id();
        var client = s.MemberClient("club-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Club", "Goer" + id, $"club{id}@example.com", null, null));
        await using var db = s.Api.CreateDbContext();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.MemberNumber == profile.MemberNumber);
        return new EventMember(client, profile.MemberNumber, member.Id, member.TierId);
    }

    public static Task<HttpResponseMessage> RegisterAsync(this EventMember m, Guid eventId) =>
        m.Client.PostAsync($"{MyEvents}/{eventId}/registration", null);

    public static async Task<ClubEventRegistrationResponse> RegisterOkAsync(this EventMember m, Guid eventId, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await m.RegisterAsync(eventId);
        await response.EnsureStatusAsync(expected);
        return (await response.Content.ReadFromJsonAsync<ClubEventRegistrationResponse>(HttpTestExtensions.Json))!;
    }

    public static Task<HttpResponseMessage> CancelAsync(this EventMember m, Guid eventId) => m.Client.DeleteAsync($"{MyEvents}/{eventId}/registration");

    public static async Task<ClubEventRegistrationResponse> CancelOkAsync(this EventMember m, Guid eventId)
    {
        using var response = await m.CancelAsync(eventId);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ClubEventRegistrationResponse>(HttpTestExtensions.Json))!;
    }

    public static Task<ClubEventOfferResponse> MyViewAsync(this EventMember m, Guid eventId) => m.Client.GetJsonAsync<ClubEventOfferResponse>($"{MyEvents}/{eventId}");

    public static Task<HttpResponseMessage> StaffCheckInAsync(this Scenario s, Guid eventId, string memberNumber) =>
        s.Admin.PostAsync($"{AdminEvents}/{eventId}/check-ins", new StaffCheckInRequest(memberNumber), null);

    public static Task<HttpResponseMessage> PartnerCheckInAsync(this HttpClient partner, Guid eventId, string memberNumber, Guid storeId, string? idempotencyKey = "new") =>
        partner.PostAsync($"{PartnerEvents}/{eventId}/check-ins", new PartnerCheckInRequest(memberNumber, storeId), idempotencyKey == "new" ? Guid.NewGuid().ToString() : idempotencyKey);

    public static async Task<ClubEventCheckInResponse> ReadCheckInAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.EnsureStatusAsync(expected);
        return (await response.Content.ReadFromJsonAsync<ClubEventCheckInResponse>(HttpTestExtensions.Json))!;
    }

    public static async Task SetStatusAsync(this Scenario s, EventMember m, MemberStatus status)
    {
        await using var db = s.Api.CreateDbContext();
        await db.Members.Where(x => x.Id == m.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, status));
    }

    /// <summary>Some tier other than the one members join in (only tier ids are relied on, not the tier scheme).</summary>
    public static async Task<Guid> OtherTierAsync(this Scenario s, Guid than)
    {
        await using var db = s.Api.CreateDbContext();
        return await db.Tiers.AsNoTracking().Where(t => t.Id != than).Select(t => t.Id).FirstAsync();
    }

    public static async Task<List<string>> OutboxPayloadsAsync(this Scenario s, Guid memberId, string type)
    {
        await using var db = s.Api.CreateDbContext();
        var payloads = await db.OutboxMessages.AsNoTracking().Where(m => m.MemberId == memberId && m.Type == type).Select(m => m.Payload).ToListAsync();
        Assert.All(payloads, p => EventContractTests.ReadStrictly(type, p));
        return payloads;
    }

    /// <summary>Starts every request at once (released together) and collects status and body per caller.</summary>
    public static async Task<(T Caller, HttpStatusCode Status, string Body)[]> RaceAsync<T>(IEnumerable<T> callers, Func<T, Task<HttpResponseMessage>> send)
    {
        using var start = new ManualResetEventSlim();
        var attempts = callers.Select(caller => Task.Run(async () =>
        {
            start.Wait();
            using var response = await send(caller);
            return (caller, response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        return await Task.WhenAll(attempts);
    }
}

internal sealed record EventMember(HttpClient Client, string Number, Guid Id, Guid TierId);
