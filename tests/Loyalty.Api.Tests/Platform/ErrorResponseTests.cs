using System.Net;
using System.Text;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>A client's mistake is always a clear problem with a stable code, never a 500 and never a stack trace.</summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorResponseTests(ApiFixture fixture)
{
    private const string Transactions = "/api/v1/partner/transactions";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Malformed_json_is_a_400_invalid_json(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var response = await SendRawAsync(s, """{"memberNumber": "8""", "application/json");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_value_of_the_wrong_type_names_the_field_without_leaking_type_names(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var response = await SendRawAsync(s, $$"""{"memberNumber":"800000000009","storeId":"{{s.Store.Id}}","externalId":"x","amount":"lots","currency":"EUR"}""", "application/json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("$.amount", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_field_is_a_400_unknown_field_naming_it(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var response = await SendRawAsync(s, $$"""{"memberNumber":"800000000009","storeId":"{{s.Store.Id}}","externalId":"x","amount":5,"currency":"EUR","loyaltyBonus":1000}""", "application/json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_field");
        Assert.Equal("loyaltyBonus", problem.GetProperty("field").GetString());
        Assert.Contains("'loyaltyBonus'", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_field_in_a_nested_object_is_refused_too(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var response = await SendRawAsync(s, $$"""{"memberNumber":"800000000009","storeId":"{{s.Store.Id}}","externalId":"x","amount":5,"currency":"EUR","lines":[{"category":"coffee","quantity":1,"amount":5,"discount":2}]}""", "application/json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_field");
        Assert.Equal("discount", problem.GetProperty("field").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Missing_and_invalid_fields_are_listed_per_field(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var response = await SendRawAsync(s, """{"amount":-5,"currency":"euro"}""", "application/json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "memberNumber", "storeId", "externalId", "amount", "currency" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors.{field} expected in {errors}");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_mistyped_member_number_fails_its_check_digit_with_a_clear_error(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var number = member.MemberNumber;
        var typo = number[..5] + (char)('0' + ((number[5] - '0' + 1) % 10)) + number[6..];

        using var lookup = await s.Partner.GetAsync($"/api/v1/partner/members/{typo}");
        var problem = await lookup.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_member_number");
        Assert.Contains("check digit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var purchase = await s.Partner.PostAsync(Transactions, s.Purchase(typo, 10m), Guid.NewGuid().ToString());
        var validation = await purchase.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("check digit", validation.GetProperty("errors").GetProperty("memberNumber")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_member_is_a_404_member_not_found(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var response = await s.Partner.GetAsync($"/api/v1/partner/members/{MemberNumber.Generate().Value}");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_even_without_credentials()
    {
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient();
        using var response = await client.GetAsync("/api/v1/partner/nothing-here");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        using var response = await s.Partner.DeleteAsync(Transactions);
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_problem()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        var huge = "{\"externalId\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var response = await SendRawAsync(s, huge, "application/json");
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        using var response = await SendRawAsync(s, "memberNumber=1", "text/plain");
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task A_missing_body_is_a_400_body_required_in_the_clients_terms(string body)
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        using var response = await SendRawAsync(s, body, "application/json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body_required");
        Assert.DoesNotContain("Service", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_named_without_type_names()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        using var response = await s.Admin.GetAsync("/api/v1/admin/partners?limit=abc");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Equal("'limit' cannot be \"abc\".", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("*/*")]
    [InlineData("text/plain")]
    public async Task Every_error_is_problem_json_whatever_the_accept_header(string accept)
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var logged = api.Logs.Exceptions.Count;
        var cases = new (Func<HttpRequestMessage> Request, HttpClient Client, HttpStatusCode Status, string Code)[]
        {
            (() => Raw(HttpMethod.Post, Transactions, """{"memberNumber": "8""", "application/json"), s.Partner, HttpStatusCode.BadRequest, "invalid_json"),
            (() => Raw(HttpMethod.Get, "/api/v1/me"), api.CreateClient(), HttpStatusCode.Unauthorized, "unauthenticated"),
            (() => Raw(HttpMethod.Get, "/api/v1/admin/partners"), s.MemberClient("accept-" + Unique.Id()), HttpStatusCode.Forbidden, "forbidden"),
            (() => Raw(HttpMethod.Get, "/api/v1/partner/nothing-here"), s.Partner, HttpStatusCode.NotFound, "not_found"),
            (() => Raw(HttpMethod.Delete, Transactions), s.Partner, HttpStatusCode.MethodNotAllowed, "method_not_allowed"),
            (() => Raw(HttpMethod.Post, Transactions, "{\"externalId\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", "application/json"), s.Partner, HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
            (() => Raw(HttpMethod.Post, Transactions, "memberNumber=1", "text/plain"), s.Partner, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
        };
        foreach (var (request, client, status, code) in cases)
        {
            using var message = request();
            message.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await client.SendAsync(message);
            await response.AssertProblemAsync(status, code);
        }

        Assert.Equal(logged, api.Logs.Exceptions.Count); // a client's mistake logs no stack trace
    }

    private static HttpRequestMessage Raw(HttpMethod method, string url, string? body = null, string? mediaType = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType!);
        }

        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    private static Task<HttpResponseMessage> SendRawAsync(Scenario s, string body, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Transactions) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return s.Partner.SendAsync(request);
    }
}
