using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Financial.PointsTestKit;

namespace Loyalty.Api.Tests.Financial;

[Collection(ApiCollection.Name)]
public sealed class BulkGrantTests(ApiFixture fixture)
{
    private const string Grants = "/api/v1/admin/grants";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bulk_grant_credits_each_member_once_and_reports_the_numbers_it_could_not_credit(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var anna = (await s.EnrolAsync()).MemberNumber;
        var ben = (await s.EnrolAsync()).MemberNumber;
        var suspended = (await s.EnrolAsync()).MemberNumber;
        await using (var db = api.CreateDbContext())
        {
            await db.Members.Where(m => m.MemberNumber == suspended).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, Loyalty.Domain.Social.Members.MemberStatus.Suspended));
        }

        var unknown = MemberNumber.Generate().Value;
        var spaced = $"{ben[..4]} {ben[4..8]} {ben[8..]}";
        var request = new CreateBulkGrantRequest("Sorry for the outage", 250, [anna, spaced, anna, ben, "12345", unknown, suspended]);

        using var response = await s.Admin.PostAsync(Grants, request, Guid.NewGuid().ToString());
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var accepted = (await response.Content.ReadFromJsonAsync<BulkGrantResponse>(HttpTestExtensions.Json))!;
        Assert.Equal($"{Grants}/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((BulkGrantStatus.Processing, 5, 0, 2, 3), (accepted.Status, accepted.Total, accepted.Credited, accepted.Failed, accepted.Pending));

        Assert.Equal(2, await RunAsync<BulkGrantJob>(api));
        Assert.Equal(0, await RunAsync<BulkGrantJob>(api));

        var done = await s.Admin.GetJsonAsync<BulkGrantResponse>($"{Grants}/{accepted.Id}");
        Assert.Equal((BulkGrantStatus.Completed, 5, 2, 3, 0), (done.Status, done.Total, done.Credited, done.Failed, done.Pending));
        Assert.Equal(
            [("12345", "invalid_member_number"), (unknown, "member_not_found"), (suspended, "member_suspended")],
            done.Failures.Select(f => (f.MemberNumber, f.Code)).OrderBy(f => f.Code, StringComparer.Ordinal));
        Assert.False(done.FailuresTruncated);

        foreach (var number in new[] { anna, ben })
        {
            var bonus = Assert.Single(await EntriesAsync(api, number, LedgerEntryType.Bonus));
            Assert.Equal((250L, accepted.Id, "Sorry for the outage", "admin@test"), (bonus.Points, bonus.ReferenceId!.Value, bonus.Description, bonus.Actor));
            Assert.Equal(250, await s.AssertBalanceEqualsLedgerAsync(number));
        }

        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(suspended));
        var audit = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>($"/api/v1/admin/audit-log?entityType=bulk_grant&entityId={accepted.Id}");
        Assert.Equal("grant.created", Assert.Single(audit.Items).Action);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_grant_runs_at_once_credit_each_member_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var numbers = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            numbers.Add((await s.EnrolAsync()).MemberNumber);
        }

        var first = await CreateAsync(s, new CreateBulkGrantRequest("Campaign A", 10, numbers));
        var second = await CreateAsync(s, new CreateBulkGrantRequest("Campaign B", 5, numbers[..5]));

        await Task.WhenAll(SendAsync(api, 4), SendAsync(api, 4), SendAsync(api, 7));

        for (var i = 0; i < numbers.Count; i++)
        {
            var bonuses = await EntriesAsync(api, numbers[i], LedgerEntryType.Bonus);
            long[] expected = i < 5 ? [10, 5] : [10];
            Assert.Equal(expected, bonuses.Select(b => b.Points).OrderDescending());
            Assert.Equal(i < 5 ? 15 : 10, await s.AssertBalanceEqualsLedgerAsync(numbers[i]));
        }

        Assert.Equal(15, (await s.Admin.GetJsonAsync<BulkGrantResponse>($"{Grants}/{first.Id}")).Credited);
        Assert.Equal(5, (await s.Admin.GetJsonAsync<BulkGrantResponse>($"{Grants}/{second.Id}")).Credited);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_grant_needs_an_idempotency_key_and_a_retry_with_it_creates_nothing_new(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var number = (await s.EnrolAsync()).MemberNumber;
        var request = new CreateBulkGrantRequest("Birthday week", 50, [number]);

        using var missing = await s.Admin.PostAsync(Grants, request, idempotencyKey: null);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");

        var key = Guid.NewGuid().ToString();
        using var first = await s.Admin.PostAsync(Grants, request, key);
        using var retry = await s.Admin.PostAsync(Grants, request, key);
        await first.EnsureStatusAsync(HttpStatusCode.Accepted);
        await retry.EnsureStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());

        // Keys belong to their caller: another administrator using the same key makes a grant of their own.
        var other = api.CreateClient().WithBearer(TestTokens.Admin("other-admin@test"));
        using var theirs = await other.PostAsync(Grants, request, key);
        await theirs.EnsureStatusAsync(HttpStatusCode.Accepted);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));

        await RunAsync<BulkGrantJob>(api);
        Assert.Equal(2, (await EntriesAsync(api, number, LedgerEntryType.Bonus)).Count);
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ten_thousand_members_fit_in_one_grant_and_the_failure_list_is_capped(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = (await s.EnrolAsync()).MemberNumber;
        var numbers = Enumerable.Range(0, 9_999).Select(_ => MemberNumber.Generate().Value).Prepend(member).ToList();

        var grant = await CreateAsync(s, new CreateBulkGrantRequest("Launch", 3, numbers));
        await RunAsync<BulkGrantJob>(api);

        var done = await s.Admin.GetJsonAsync<BulkGrantResponse>($"{Grants}/{grant.Id}");
        Assert.Equal((BulkGrantStatus.Completed, 10_000, 1, 9_999), (done.Status, done.Total, done.Credited, done.Failed));
        Assert.Equal(1_000, done.Failures.Count);
        Assert.True(done.FailuresTruncated);
        Assert.All(done.Failures, f => Assert.Equal("member_not_found", f.Code));
        Assert.Equal(3, await s.AssertBalanceEqualsLedgerAsync(member));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_grants_are_refused_with_field_errors_and_unknown_grants_are_404(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var number = (await s.EnrolAsync()).MemberNumber;
        var tooMany = Enumerable.Range(0, 10_001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        foreach (var (request, field) in new[]
                 {
                     (new CreateBulkGrantRequest("", 10, [number]), "reason"),
                     (new CreateBulkGrantRequest("Thanks", 0, [number]), "points"),
                     (new CreateBulkGrantRequest("Thanks", 1_000_001, [number]), "points"),
                     (new CreateBulkGrantRequest("Thanks", 10, []), "memberNumbers"),
                     (new CreateBulkGrantRequest("Thanks", 10, tooMany), "memberNumbers"),
                     (new CreateBulkGrantRequest("Thanks", 10, [new string('1', 33)]), "memberNumbers[0]"),
                 })
        {
            using var response = await s.Admin.PostAsync(Grants, request, Guid.NewGuid().ToString());
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        }

        using var unknown = await s.Admin.GetAsync($"{Grants}/{Guid.NewGuid()}");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "grant_not_found");
        using var marketing = await s.Api.CreateClient().WithBearer(TestTokens.Marketing()).GetAsync($"{Grants}/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, marketing.StatusCode);
    }

    private static async Task<BulkGrantResponse> CreateAsync(Scenario s, CreateBulkGrantRequest request)
    {
        using var response = await s.Admin.PostAsync(Grants, request, Guid.NewGuid().ToString());
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<BulkGrantResponse>(HttpTestExtensions.Json))!;
    }

    private static async Task<int> SendAsync(LoyaltyApiFactory api, int itemsPerBatch)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new Loyalty.Application.Features.Financial.Grants.ProcessBulkGrantsCommand(itemsPerBatch));
    }
}
