using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Idempotency;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.Api.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    private const string Transactions = "/api/v1/partner/transactions";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_write_without_an_idempotency_key_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();

        using var response = await s.Partner.PostAsync(Transactions, s.Purchase(member.MemberNumber, 10m), idempotencyKey: null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_replay_returns_the_first_response_and_earns_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var purchase = s.Purchase(member.MemberNumber, 30m);
        var key = Guid.NewGuid().ToString();

        using var first = await s.Partner.PostAsync(Transactions, purchase, key);
        using var replay = await s.Partner.PostAsync(Transactions, purchase, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_key_with_another_body_is_a_422_and_changes_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await s.Partner.PostAsync(Transactions, s.Purchase(member.MemberNumber, 30m), key);

        using var other = await s.Partner.PostAsync(Transactions, s.Purchase(member.MemberNumber, 99m), key);

        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refusal_is_replayed_too_so_a_retry_sees_what_the_first_attempt_saw(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var redemption = s.Redemption(member.MemberNumber, 5);
        var key = Guid.NewGuid().ToString();
        using var refused = await s.Partner.PostAsync("/api/v1/partner/redemptions", redemption, key);
        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        await s.EarnAsync(member.MemberNumber, 10m);

        using var retry = await s.Partner.PostAsync("/api/v1/partner/redemptions", redemption, key);

        await retry.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_replay_while_the_first_request_is_in_flight_is_a_409(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var body = JsonContent.Create(s.Purchase(member.MemberNumber, 10m), options: HttpTestExtensions.Json);
        var bytes = await body.ReadAsByteArrayAsync();
        var key = Guid.NewGuid().ToString();
        // Claim the key the way a first, still-running request would have.
        var store = api.Services.GetRequiredService<IdempotencyStore>();
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync($"partner:{s.PartnerInfo.Id}", key, Hash("POST", Transactions, bytes), CancellationToken.None));

        using var request = new HttpRequestMessage(HttpMethod.Post, Transactions) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Idempotency-Key", key);
        using var response = await s.Partner.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency_request_in_flight");
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Keys_are_scoped_to_the_caller_so_one_partner_never_reads_anothers_response(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var a = await Scenario.StartAsync(api);
        var b = await Scenario.StartAsync(api);
        var member = await a.EnrolAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await a.Partner.PostAsync(Transactions, a.Purchase(member.MemberNumber, 10m, "SHARED"), key);
        await first.EnsureStatusAsync(HttpStatusCode.Created);

        using var second = await b.Partner.PostAsync(Transactions, b.Purchase(member.MemberNumber, 10m, "SHARED"), key);

        await second.EnsureStatusAsync(HttpStatusCode.Created);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(20, await a.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Parallel_retries_with_one_key_earn_exactly_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var purchase = s.Purchase(member.MemberNumber, 25m);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await s.Partner.PostAsync(Transactions, purchase, key);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.Created, responses);
        Assert.Equal(25, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_abandoned_claim_can_be_taken_over_after_its_lease_and_a_completed_one_is_replayed(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var clock = new FakeTimeProvider(api.Clock.GetUtcNow());
        var store = new IdempotencyStore(api.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>(), api.Services.GetRequiredService<IWriteGate>(), clock, Options.Create(new IdempotencyOptions()));
        var scope = "test:" + Unique.Id();

        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "k", "h", CancellationToken.None));
        Assert.IsType<IdempotencyDecision.InFlight>(await store.BeginAsync(scope, "k", "h", CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(31)); // the first attempt died without answering
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "k", "h", CancellationToken.None));
        await store.CompleteAsync(scope, "k", 201, "application/json", "{}", CancellationToken.None);
        var replay = Assert.IsType<IdempotencyDecision.Replay>(await store.BeginAsync(scope, "k", "h", CancellationToken.None));
        Assert.Equal(201, replay.StatusCode);
        clock.Advance(TimeSpan.FromHours(25)); // past retention the key is free again
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "k", "other", CancellationToken.None));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_released_key_lets_the_retry_run_for_real(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var store = api.Services.GetRequiredService<IdempotencyStore>();
        var scope = "test:" + Unique.Id();
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "k", "h", CancellationToken.None));

        await store.ReleaseAsync(scope, "k", CancellationToken.None); // what the middleware does after a 5xx

        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "k", "h", CancellationToken.None));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_crash_right_after_the_commit_still_lets_every_retry_replay_the_answer(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var purchase = s.Purchase(member.MemberNumber, 25m);
        var key = Guid.NewGuid().ToString();

        // The business transaction commits, then the request dies: the till never sees an answer.
        api.Commands.FailAfterNextCommit = true;
        using (var cut = await s.Partner.PostAsync(Transactions, purchase, key))
        {
            Assert.False(api.Commands.FailAfterNextCommit, "the injected crash happened");
            Assert.Equal(HttpStatusCode.InternalServerError, cut.StatusCode);
        }

        // Whatever the in-flight lease says by the time the till retries.
        await using (var db = api.CreateDbContext())
        {
            await db.IdempotencyRecords.Where(r => r.Key == key)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        using var retry = await s.Partner.PostAsync(Transactions, purchase, key);
        using var again = await s.Partner.PostAsync(Transactions, purchase, key);

        await retry.EnsureStatusAsync(HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var body = await retry.Content.ReadAsStringAsync();
        Assert.Equal(body, await again.Content.ReadAsStringAsync());
        var answer = JsonSerializer.Deserialize<PurchaseResponse>(body, HttpTestExtensions.Json)!;
        Assert.Equal(25, answer.PointsEarned);
        Assert.Equal(purchase.ExternalId, answer.ExternalId);
        Assert.Equal(25, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber)); // earned once
        await using var check = api.CreateDbContext();
        Assert.Equal(answer.PurchaseId, await check.Purchases.Where(p => p.ExternalId == purchase.ExternalId && p.PartnerId == s.PartnerInfo.Id).Select(p => p.Id).SingleAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_committed_without_its_response_is_never_run_twice(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var redemption = s.Redemption(member.MemberNumber, 30);
        var key = Guid.NewGuid().ToString();
        using (var first = await s.Partner.PostAsync("/api/v1/partner/redemptions", redemption, key))
        {
            await first.EnsureStatusAsync(HttpStatusCode.Created);
        }

        // What a version that stored responses after the commit left behind when it died in between (the one state
        // that cannot be rebuilt), with the in-flight lease run out.
        await using (var db = api.CreateDbContext())
        {
            var record = await db.IdempotencyRecords.Where(r => r.Key == key).SingleAsync();
            Assert.NotNull(record.CommittedAt); // marked inside the business transaction
            Assert.Equal(201, record.StatusCode); // and the response committed with it
            await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.StatusCode, (int?)null)
                .SetProperty(r => r.ResponseBody, (string?)null)
                .SetProperty(r => r.LockedUntil, api.Clock.GetUtcNow().AddMinutes(-1)));
        }

        using var retry = await s.Partner.PostAsync("/api/v1/partner/redemptions", redemption, key);

        await retry.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency_response_lost");
        Assert.Equal(70, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_request_does_not_mark_its_key_committed(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var key = Guid.NewGuid().ToString();
        using var refused = await s.Partner.PostAsync("/api/v1/partner/redemptions", s.Redemption(member.MemberNumber, 5), key);
        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");

        await using var db = api.CreateDbContext();
        Assert.Null(await db.IdempotencyRecords.Where(r => r.Key == key).Select(r => r.CommittedAt).SingleAsync()); // rolled back with the refusal
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expired_records_are_purged_and_live_ones_kept(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var store = api.Services.GetRequiredService<IdempotencyStore>();
        var scope = "purge:" + Unique.Id();
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "old", "h", CancellationToken.None));
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(scope, "new", "h", CancellationToken.None));
        await store.CompleteAsync(scope, "old", 201, null, "", CancellationToken.None); // on SQLite a claim has no record before its response
        await store.CompleteAsync(scope, "new", 201, null, "", CancellationToken.None);
        await using (var db = api.CreateDbContext())
        {
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == "old")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ExpiresAt, api.Clock.GetUtcNow().AddMinutes(-1)));
        }

        Assert.True(await api.Services.GetRequiredService<IdempotencyRecordPurger>().PurgeExpiredAsync(CancellationToken.None) >= 1);

        await using var check = api.CreateDbContext();
        Assert.Equal(["new"], await check.IdempotencyRecords.Where(r => r.Scope == scope).Select(r => r.Key).ToListAsync());
    }

    private static string Hash(string method, string path, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes($"{method} {path}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. body]));
    }
}
