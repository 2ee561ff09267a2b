using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// A test's own corner of the shared database: a fresh partner with one store and a key holding every scope,
/// plus helpers for the steps most tests need. Nothing here is shared with another test.
/// </summary>
public sealed class Scenario
{
    private Scenario(LoyaltyApiFactory api, HttpClient admin, HttpClient partner, PartnerResponse partnerResponse, StoreResponse store, ApiKeyCreatedResponse key)
    {
        Api = api;
        Admin = admin;
        Partner = partner;
        PartnerInfo = partnerResponse;
        Store = store;
        Key = key;
    }

    public LoyaltyApiFactory Api { get; }

    public HttpClient Admin { get; }

    public HttpClient Partner { get; }

    public PartnerResponse PartnerInfo { get; }

    public StoreResponse Store { get; }

    public ApiKeyCreatedResponse Key { get; }

    public static async Task<Scenario> StartAsync(LoyaltyApiFactory api)
    {
        var admin = api.CreateClient().WithBearer(TestTokens.Admin());
        var partner = await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), "ops@partner.example"));
        var store = await admin.PostJsonAsync<StoreResponse>($"/api/v1/admin/partners/{partner.Id}/stores", new CreateStoreRequest("Main Street", "S-" + Unique.Id(), "Springfield"));
        var key = await admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{partner.Id}/api-keys", new CreateApiKeyRequest("till", ApiKeyScopes.All));
        var partnerClient = api.CreateClient().WithApiKey(key.Key);
        return new Scenario(api, admin, partnerClient, partner, store, key);
    }

    public HttpClient MemberClient(string subject) => Api.CreateClient().WithBearer(TestTokens.Member(subject));

    public async Task<EnrolledMemberResponse> EnrolAsync(string? lastName = null) =>
        await Partner.PostJsonAsync<EnrolledMemberResponse>("/api/v1/partner/members", NewMember(lastName), idempotent: true);

    public EnrolMemberRequest NewMember(string? lastName = null)
    {
        var id = Unique.Id();
        return new EnrolMemberRequest(Store.Id, "Test", lastName ?? "Member" + id, $"m{id}@example.com", null, null);
    }

    public async Task<PurchaseResponse> EarnAsync(string memberNumber, decimal amount, string? externalId = null) =>
        await Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", Purchase(memberNumber, amount, externalId), idempotent: true);

    public RecordPurchaseRequest Purchase(string memberNumber, decimal amount, string? externalId = null) =>
        new(memberNumber, Store.Id, externalId ?? "R-" + Unique.Id(), amount, "EUR", null);

    public RedeemPointsRequest Redemption(string memberNumber, long points) => new(memberNumber, Store.Id, points, "pay-" + Unique.Id());

    /// <summary>The ledger invariant: the account's available balance equals the sum of its ledger entries.</summary>
    public async Task<long> AssertBalanceEqualsLedgerAsync(string memberNumber)
    {
        await using var db = Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
        var account = await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == memberId);
        var entries = await db.LedgerEntries.Where(e => e.MemberId == memberId).Select(e => new { e.Points, e.PendingPoints }).ToListAsync();
        Assert.Equal(entries.Sum(e => e.Points), account.Available);
        Assert.Equal(entries.Sum(e => e.PendingPoints), account.Pending);

        // The lots back the balances exactly: spendable lots add up to the available balance (nothing when it is
        // negative), pending lots to the pending one; held points have left their lots until released.
        var lots = await db.PointsLots.Where(l => l.MemberId == memberId).Select(l => new { l.IsPending, l.Remaining }).ToListAsync();
        Assert.Equal(Math.Max(0, account.Available), lots.Where(l => !l.IsPending).Sum(l => l.Remaining));
        Assert.Equal(account.Pending, lots.Where(l => l.IsPending).Sum(l => l.Remaining));
        Assert.True(account.Held >= 0, "held points are never negative");
        return account.Available;
    }
}

public static class Unique
{
    private static int _counter;

    public static string Id() => $"{Interlocked.Increment(ref _counter)}{Guid.NewGuid().ToString("N")[..8]}";
}

public static class HttpTestExtensions
{
    // The wire format the API and the SDK share (camelCase enum values).
    public static JsonSerializerOptions Json { get; } = Loyalty.Contracts.Common.WireFormat.CreateOptions();

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static HttpClient WithApiKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static Task<HttpResponseMessage> PostAsync<T>(this HttpClient client, string url, T body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>Sends JSON (or no body) with the given method and, when not null, Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>POSTs and expects success; partner writes get a fresh Idempotency-Key.</summary>
    public static async Task<TResponse> PostJsonAsync<TResponse>(this HttpClient client, string url, object body, bool idempotent = false)
    {
        using var response = await client.PostAsync(url, body, idempotent ? Guid.NewGuid().ToString() : null);
        await response.EnsureStatusAsync(HttpStatusCode.Created, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TResponse>(Json))!;
    }

    public static async Task<TResponse> GetJsonAsync<TResponse>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TResponse>(Json))!;
    }

    /// <summary>Every item of a list endpoint, following <c>nextCursor</c> page by page.</summary>
    public static async Task<List<T>> GetAllAsync<T>(this HttpClient client, string url)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync<Contracts.Common.Page<T>>(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    public static async Task EnsureStatusAsync(this HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _), "problem details carry a traceId");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // never a stack trace
        return problem;
    }
}
