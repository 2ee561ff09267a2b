using System.Net;
using System.Net.Http.Json;
using System.Text;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Structural.Imports;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Imports;

[Collection(ApiCollection.Name)]
public sealed class ImportTests(ApiFixture fixture)
{
    private const string Header = "memberNumber,storeId,externalId,amount,currency,purchasedAt";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_csv_import_earns_like_live_purchases_and_a_reupload_earns_nothing_twice(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        var bob = await s.EnrolAsync();
        var at = api.Clock.GetUtcNow().AddDays(-3).ToString("O");
        var csv = $"{Header}\r\n{ann.MemberNumber},{s.Store.Id},\"R-{Unique.Id()}, till 4\",10.50,EUR,{at}\r\n" +
            $"{bob.MemberNumber},{s.Store.Id},R-{Unique.Id()},20,EUR,{at}\n{ann.MemberNumber},{s.Store.Id},R-{Unique.Id()},5,EUR,{at}\n";

        var key = Guid.NewGuid().ToString();
        using var response = await UploadAsync(s.Partner, csv, "text/csv", key);
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var queued = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        Assert.Equal($"/api/v1/partner/imports/{queued.Id}", response.Headers.Location?.ToString());
        Assert.Equal((ImportFormat.Csv, ImportStatus.Queued, 3, 0), (queued.Format, queued.Status, queued.TotalRows, queued.Processed));

        await RunJobAsync(api);
        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{queued.Id}");
        Assert.Equal((ImportStatus.Completed, 3, 3, 35L, 0, 0), (done.Status, done.Processed, done.Earned, done.Points, done.Duplicates, done.Rejected));
        Assert.NotNull(done.CompletedAt);

        // The same request again (same key) is the same import; a new key makes a new import whose rows are all duplicates.
        using var replay = await UploadAsync(s.Partner, csv, "text/csv", key);
        Assert.Equal(queued.Id, (await replay.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!.Id);
        using var again = await UploadAsync(s.Partner, csv, "text/csv", Guid.NewGuid().ToString());
        var second = (await again.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        Assert.NotEqual(queued.Id, second.Id);
        await RunJobAsync(api);
        second = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{second.Id}");
        Assert.Equal((ImportStatus.Completed, 0, 0L, 3, 0), (second.Status, second.Earned, second.Points, second.Duplicates, second.Rejected));

        Assert.Equal(15, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));
        Assert.Equal(20, await s.AssertBalanceEqualsLedgerAsync(bob.MemberNumber));
        var list = await s.Partner.GetAllAsync<ImportResponse>("/api/v1/partner/imports");
        Assert.Equal([second.Id, queued.Id], list.Select(i => i.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_import_runs_at_once_as_on_two_instances_earn_each_row_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        var at = api.Clock.GetUtcNow().AddDays(-1).ToString("O");
        var csv = Header + "\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"{ann.MemberNumber},{s.Store.Id},R-{Unique.Id()},{i},EUR,{at}\n"));
        using var response = await UploadAsync(s.Partner, csv, "text/csv", Guid.NewGuid().ToString());
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var queued = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;

        // Two loops on one job, as two instances' job loops would run, each claiming chunks until none is left.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => ImportJobRunner.RunUntilIdleAsync(api))));

        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{queued.Id}");
        Assert.Equal((ImportStatus.Completed, 40, 40, 820L, 0, 0), (done.Status, done.Processed, done.Earned, done.Points, done.Duplicates, done.Rejected));
        Assert.Equal(820, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rows_that_break_a_rule_are_reported_with_their_reason_while_the_others_earn(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var other = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        var now = api.Clock.GetUtcNow();
        var mistyped = ann.MemberNumber[..^1] + (ann.MemberNumber[^1] == '0' ? '1' : '0');
        var dup = "R-" + Unique.Id();
        object[] rows =
        [
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = dup, amount = 12m, currency = "EUR", purchasedAt = now.AddHours(-1) },
            new { memberNumber = mistyped, storeId = s.Store.Id, externalId = "R-" + Unique.Id(), amount = 10m, currency = "EUR", purchasedAt = now },
            new { memberNumber = ann.MemberNumber, storeId = other.Store.Id, externalId = "R-" + Unique.Id(), amount = 10m, currency = "EUR", purchasedAt = now },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "R-" + Unique.Id(), amount = 10m, currency = "EUR", purchasedAt = now.AddDays(1) },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "R-" + Unique.Id(), amount = 10m, currency = "EUR", purchasedAt = now.AddDays(-200) },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "=HYPERLINK(1)", amount = 10m, currency = "EUR" },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = dup, amount = 12m, currency = "EUR", purchasedAt = now },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "R-" + Unique.Id(), amount = -3m, currency = "EUR", purchasedAt = now },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "R-" + Unique.Id(), amount = 7m, currency = "EUR", purchasedAt = now },
        ];
        using var response = await s.Partner.SendAsync(Upload(JsonContent.Create(rows), Guid.NewGuid().ToString()));
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var import = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((1, 1), (import.Processed, import.Rejected)); // the row without purchasedAt is rejected at upload

        await RunJobAsync(api);
        import = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((ImportStatus.Completed, 9, 2, 19L, 1, 6), (import.Status, import.Processed, import.Earned, import.Points, import.Duplicates, import.Rejected));

        using var report = await s.Partner.GetAsync($"/api/v1/partner/imports/{import.Id}/rejected");
        Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
        var lines = (await report.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rowNumber,externalId,reasonCode,message", lines[0]);
        Assert.Equal(["2", "3", "4", "5", "6", "8"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(
            ["validation_failed", "store_not_found", "validation_failed", "purchase_too_old", "invalid_row", "validation_failed"],
            lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.StartsWith("6,'=HYPERLINK(1),invalid_row,purchasedAt is required.", lines[5], StringComparison.Ordinal); // formulas defused
        Assert.Equal(19, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_malformed_file_is_refused_whole_with_a_clear_problem_and_nothing_is_stored(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        var good = $"{ann.MemberNumber},{s.Store.Id},R-{Unique.Id()},10,EUR,2026-01-01T10:00:00Z";

        var cases = new (string Body, string Type, HttpStatusCode Status, string Code, string Detail)[]
        {
            ($"{Header}\n{good}\n{ann.MemberNumber},{s.Store.Id},\"R-1,10,EUR,2026-01-01T10:00:00Z\n", "text/csv", HttpStatusCode.BadRequest, "malformed_file", "never closed"),
            ($"{Header}\n{good}\n{ann.MemberNumber},{s.Store.Id},R\"1,10,EUR,2026-01-01T10:00:00Z\n", "text/csv", HttpStatusCode.BadRequest, "malformed_file", "Line 3"),
            ($"member,store,receipt,amount,currency,purchasedAt\n{good}\n", "text/csv", HttpStatusCode.BadRequest, "malformed_file", "missing: memberNumber,storeId,externalId"),
            ($"{Header}\n{good}\n{ann.MemberNumber},10,EUR\n", "text/csv", HttpStatusCode.BadRequest, "malformed_file", "Row 2 has 3 fields"),
            ("", "text/csv", HttpStatusCode.BadRequest, "malformed_file", "empty"),
            ($"{Header}\n", "text/csv", HttpStatusCode.BadRequest, "malformed_file", "no rows"),
            ("[{\"memberNumber\": \"1\", ", "application/json", HttpStatusCode.BadRequest, "malformed_file", "not a JSON array"),
            ("{\"rows\": []}", "application/json", HttpStatusCode.BadRequest, "malformed_file", "must be a JSON array of row objects"),
            ("{}", "application/json", HttpStatusCode.BadRequest, "malformed_file", "must be a JSON array of row objects"),
            ("[{\"amount\": \"ten\"}]", "application/json", HttpStatusCode.BadRequest, "malformed_file", "could not read $[0].amount"),
            ("[1]", "application/json", HttpStatusCode.BadRequest, "malformed_file", "could not read $[0]"),
            ("[null]", "application/json", HttpStatusCode.BadRequest, "malformed_file", "Row 1 is null"),
            ($"{Header}\n{good}\n", "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", ""), // routing refuses it
        };
        foreach (var c in cases)
        {
            using var response = await UploadAsync(s.Partner, c.Body, c.Type, Guid.NewGuid().ToString());
            var problem = await response.AssertProblemAsync(c.Status, c.Code);
            foreach (var leak in new[] { "System.", "Loyalty.", "`1" })
            {
                Assert.DoesNotContain(leak, problem.ToString(), StringComparison.Ordinal); // the client's terms, not our types
            }

            if (c.Detail.Length > 0)
            {
                Assert.Contains(c.Detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        using (var noKey = await s.Partner.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent($"{Header}\n{good}\n", Encoding.UTF8, "text/csv") }))
        {
            await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        }

        Assert.Empty(await s.Partner.GetAllAsync<ImportResponse>("/api/v1/partner/imports"));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_import_holds_at_most_100000_rows_and_20_MB(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var row = $"12345678901,{s.Store.Id},R,1,EUR,2026-01-01T10:00:00Z\n";
        var tooMany = new StringBuilder(Header).Append('\n');
        for (var i = 0; i <= 100_000; i++)
        {
            tooMany.Append(row);
        }

        using (var response = await UploadAsync(s.Partner, tooMany.ToString(), "text/csv", Guid.NewGuid().ToString()))
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "too_many_rows");
            Assert.Contains("100,001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var request = Upload(new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]), Guid.NewGuid().ToString());
        request.Content!.Headers.ContentType = new("text/csv");
        using (var tooBig = await s.Partner.SendAsync(request))
        {
            await tooBig.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        }

        Assert.Empty(await s.Partner.GetAllAsync<ImportResponse>("/api/v1/partner/imports"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_interrupted_import_resumes_where_it_stopped_and_a_live_lease_keeps_other_instances_off(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        var at = api.Clock.GetUtcNow().AddDays(-1).ToString("O");
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 5; i++)
        {
            csv.Append($"{ann.MemberNumber},{s.Store.Id},R-{Unique.Id()},{i + 1},EUR,{at}\n");
        }

        using var response = await UploadAsync(s.Partner, csv.ToString(), "text/csv", Guid.NewGuid().ToString());
        var import = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessImportsCommand(MaxRows: 2));
        }

        var partial = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((ImportStatus.Running, 2, 3L), (partial.Status, partial.Processed, partial.Points));

        // Another instance holds the import (a live lease): this one leaves it alone until the lease lapses.
        await using (var db = api.CreateDbContext())
        {
            var until = api.Clock.GetUtcNow().AddMinutes(5);
            await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ClaimedUntil, until));
        }

        await RunJobAsync(api);
        Assert.Equal(2, (await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}")).Processed);
        using (api.Clock.Travel(TimeSpan.FromMinutes(6)))
        {
            await RunJobAsync(api);
        }

        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((ImportStatus.Completed, 5, 5, 15L), (done.Status, done.Processed, done.Earned, done.Points));
        Assert.Equal(15, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_partner_cannot_read_my_import_a_member_is_refused_and_an_admin_can_read_it(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var attacker = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        using var response = await UploadAsync(s.Partner, $"{Header}\n{ann.MemberNumber},{s.Store.Id},R-{Unique.Id()},1,EUR,2026-01-01T10:00:00Z\n", "text/csv", Guid.NewGuid().ToString());
        var import = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;

        foreach (var url in new[] { $"/api/v1/partner/imports/{import.Id}", $"/api/v1/partner/imports/{import.Id}/rejected" })
        {
            using var stolen = await attacker.Partner.GetAsync(url);
            await stolen.AssertProblemAsync(HttpStatusCode.NotFound, "import_not_found");
        }

        Assert.Empty(await attacker.Partner.GetAllAsync<ImportResponse>("/api/v1/partner/imports"));
        using (var member = await s.MemberClient("sub-" + Unique.Id()).GetAsync($"/api/v1/partner/imports/{import.Id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, member.StatusCode);
        }

        Assert.Equal(import.Id, (await s.Admin.GetJsonAsync<ImportResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/imports/{import.Id}")).Id);
        Assert.Equal(import.Id, Assert.Single(await s.Admin.GetAllAsync<ImportResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/imports")).Id);
        using var wrongPartner = await s.Admin.GetAsync($"/api/v1/admin/partners/{attacker.PartnerInfo.Id}/imports/{import.Id}");
        await wrongPartner.AssertProblemAsync(HttpStatusCode.NotFound, "import_not_found");
    }

    private static Task RunJobAsync(LoyaltyApiFactory api) => ImportJobRunner.RunUntilIdleAsync(api);

    private static Task<HttpResponseMessage> UploadAsync(HttpClient partner, string body, string mediaType, string key) =>
        partner.SendAsync(Upload(new StringContent(body, Encoding.UTF8, mediaType), key));

    private static HttpRequestMessage Upload(HttpContent content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

/// <summary>Runs the import job by hand (its loop is off in tests) until it finds nothing more to do.</summary>
public static class ImportJobRunner
{
    public static async Task RunUntilIdleAsync(LoyaltyApiFactory api)
    {
        var job = api.Services.GetRequiredService<ImportJob>();
        while (await job.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }
}
