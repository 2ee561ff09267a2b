using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Loyalty.Api.Tests.Earning;
using Loyalty.Api.Tests.Financial;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Referrals;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Structural.Imports;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.Referrals;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Imports;

/// <summary>
/// The import earns a chunk's ordinary rows together and the others one by one: whatever the path, a file must end
/// exactly where the same purchases recorded live one after another end (balances, ledger, lots, tiers).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImportEquivalenceTests(ApiFixture fixture)
{
    private const int Members = 6;

    /// <summary>(member, amount, externalId key, currency): file order. Key "dup" appears twice; "EURO" is an invalid row.</summary>
    private static readonly (int Member, decimal Amount, string Key, string Currency)[] Script =
    [
        (0, 600m, "a1", "EUR"), // member 0 crosses into Silver on its second row; its later rows earn 1.25 ×
        (1, 60m, "b1", "EUR"), // member 1 buys at the second store: a capped bonus there (5 points per purchase, at most 10 a day)
        (2, 20m, "dup", "EUR"),
        (0, 600m, "a2", "EUR"),
        (1, 60m, "b2", "EUR"),
        (3, 15m, "d1", "EUR"),
        (0, 300m, "a3", "EUR"),
        (2, 30m, "dup", "EUR"), // the same receipt again in one file: earns once
        (1, 60m, "b3", "EUR"),
        (4, 10m, "e1", "EURO"), // invalid: only this row is refused
        (4, 40m, "e2", "EUR"),
        (3, 25m, "d2", "EUR"),
        (5, 1000m, "f1", "EUR"), // member 5 buys at the third store: a first-purchase bonus there, then Silver
        (0, 11.5m, "a4", "EUR"),
        (5, 10m, "f2", "EUR"),
        (3, 35m, "d3", "EUR"),
    ];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_import_ends_where_the_same_purchases_recorded_live_one_by_one_end(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var second = await s.Admin.PostJsonAsync<StoreResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores", new CreateStoreRequest("Harbour", "S-" + Unique.Id(), "Springfield"));
        await s.CreateRuleAsync(new EarningRuleRequest("Harbour bonus", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.EveryPurchase, Conditions: s.Mine(new EarningRuleConditions(StoreIds: [second.Id])), DailyCap: 10));
        var third = await s.Admin.PostJsonAsync<StoreResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores", new CreateStoreRequest("Airport", "S-" + Unique.Id(), "Springfield"));
        await s.CreateRuleAsync(new EarningRuleRequest("Airport welcome", EarningRuleKind.FixedBonus, Points: 50, Trigger: BonusTrigger.FirstPurchase, Conditions: s.Mine(new EarningRuleConditions(StoreIds: [third.Id]))));

        await CompareAsync(s, second.Id, third.Id);
        await using (await PointsTestKit.PolicyAsync(s, p => p with { PendingDays = 14 }))
        {
            await CompareAsync(s, second.Id, third.Id); // the same with every earn pending
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task When_a_chunk_fails_to_save_its_rows_earn_one_by_one_and_nothing_is_lost_or_doubled(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = (await s.EnrolAsync()).MemberNumber;
        var bob = (await s.EnrolAsync()).MemberNumber;
        var at = api.Clock.GetUtcNow().AddDays(-1);
        var run = Unique.Id();
        var csv = $"memberNumber,storeId,externalId,amount,currency,purchasedAt\n{ann},{s.Store.Id},F-{run}-1,10,EUR,{at:O}\n{bob},{s.Store.Id},F-{run}-2,20,EUR,{at:O}\n" +
            $"{ann},{s.Store.Id},F-{run}-3,30,EUR,{at:O}\n";
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        upload.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var uploaded = await s.Partner.SendAsync(upload);
        await uploaded.EnsureStatusAsync(HttpStatusCode.Accepted);
        var import = (await uploaded.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;

        // The first purchase insert after this point is the chunk's one save: it fails once.
        api.Commands.FailNext = sql => sql.Contains("INSERT INTO \"Purchases\"", StringComparison.Ordinal);
        try
        {
            await ImportJobRunner.RunUntilIdleAsync(api);
            Assert.Null(api.Commands.FailNext); // the failure did happen
        }
        finally
        {
            api.Commands.FailNext = null;
        }

        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((ImportStatus.Completed, 3, 3, 60L), (done.Status, done.Processed, done.Earned, done.Points));
        Assert.Equal(40, await s.AssertBalanceEqualsLedgerAsync(ann));
        Assert.Equal(20, await s.AssertBalanceEqualsLedgerAsync(bob));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_imported_first_qualifying_purchase_decides_a_pending_referral_once_and_other_new_members_earn_as_usual(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var programme = await s.ReferralProgrammeAsync(); // 300 for the referrer, 200 for the referee, from 20 EUR
        var anna = await s.JoinAsync("Anna");
        var bob = (await s.EnrolAtTillAsync(anna.Code, firstName: "Bob")).MemberNumber;
        var carl = (await s.EnrolAsync()).MemberNumber; // new too, but referred by nobody
        var at = api.Clock.GetUtcNow().AddHours(-1);
        var run = Unique.Id();
        var csv = $"memberNumber,storeId,externalId,amount,currency,purchasedAt\n{bob},{s.Store.Id},G-{run}-1,19.99,EUR,{at:O}\n{carl},{s.Store.Id},G-{run}-2,30,EUR,{at:O}\n" +
            $"{bob},{s.Store.Id},G-{run}-3,25,EUR,{at:O}\n{bob},{s.Store.Id},G-{run}-4,80,EUR,{at:O}\n";
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        upload.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var uploaded = await s.Partner.SendAsync(upload);
        await uploaded.EnsureStatusAsync(HttpStatusCode.Accepted);
        await ImportJobRunner.RunUntilIdleAsync(api);

        Assert.Equal(200L, Assert.Single(await s.ReferralBonusesAsync(bob)).Points);
        Assert.Equal(300L, Assert.Single(await s.ReferralBonusesAsync(anna.Number)).Points);
        Assert.Equal(ReferralStatus.Rewarded, (await s.ReferralOfAsync(bob)).Status);
        Assert.Equal(19 + 25 + 80 + 200, await s.AssertBalanceEqualsLedgerAsync(bob));
        Assert.Equal(300, await s.AssertBalanceEqualsLedgerAsync(anna.Number));
        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(carl));
    }

    [Fact]
    public void The_chunk_path_knows_every_reaction_to_a_purchase()
    {
        // A new PurchaseRecorded handler silently sends every import row one by one (slow) until ImportBatch does what it does.
        using var scope = fixture.For(DatabaseProvider.Sqlite).Services.CreateScope();
        var registered = scope.ServiceProvider.GetServices<INotificationHandler<PurchaseRecorded>>().Select(h => h.GetType().Name).Order(StringComparer.Ordinal);
        Assert.Equal(ImportBatch.KnownHandlers.Select(t => t.Name).Order(StringComparer.Ordinal), registered);
    }

    private static async Task CompareAsync(Scenario s, Guid secondStore, Guid thirdStore)
    {
        var api = s.Api;
        var live = new List<string>();
        var imported = new List<string>();
        for (var i = 0; i < Members; i++)
        {
            live.Add((await s.EnrolAsync()).MemberNumber);
            imported.Add((await s.EnrolAsync()).MemberNumber);
        }

        var at = api.Clock.GetUtcNow().AddDays(-1);
        var run = Unique.Id();
        var csv = new StringBuilder("memberNumber,storeId,externalId,amount,currency,purchasedAt\n");
        foreach (var (member, amount, key, currency) in Script)
        {
            var store = member switch { 1 => secondStore, 5 => thirdStore, _ => s.Store.Id };
            csv.Append(CultureInfo.InvariantCulture, $"{imported[member]},{store},I-{run}-{key},{amount},{currency},{at:O}\n");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/transactions")
            {
                Content = JsonContent.Create(new RecordPurchaseRequest(live[member], store, $"L-{run}-{key}", amount, currency, at), options: HttpTestExtensions.Json),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await s.Partner.SendAsync(request);
            if (currency != "EUR")
            {
                await response.EnsureStatusAsync(HttpStatusCode.BadRequest);
            }
            else if (key == "dup" && amount == 30m)
            {
                await response.EnsureStatusAsync(HttpStatusCode.Conflict);
            }
            else
            {
                await response.EnsureStatusAsync(HttpStatusCode.Created, HttpStatusCode.OK);
            }
        }

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        upload.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var uploaded = await s.Partner.SendAsync(upload);
        await uploaded.EnsureStatusAsync(HttpStatusCode.Accepted);
        var import = (await uploaded.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        await ImportJobRunner.RunUntilIdleAsync(api);

        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((ImportStatus.Completed, Script.Length, Script.Length - 2, 1, 1), (done.Status, done.Processed, done.Earned, done.Duplicates, done.Rejected));

        await using var db = api.CreateDbContext();
        for (var i = 0; i < Members; i++)
        {
            var expected = await StateAsync(db, live[i]);
            var actual = await StateAsync(db, imported[i]);
            Assert.True(expected == actual, $"Member {i}: live {expected}, imported {actual}.");
            await s.AssertBalanceEqualsLedgerAsync(imported[i]);
            await s.AssertBalanceEqualsLedgerAsync(live[i]);
        }

        // The script does reach the interesting places: tier crossings, a cap, a first-purchase bonus.
        var crossed = await StateAsync(db, imported[0]);
        Assert.Equal("Silver", crossed.Tier);
        Assert.Equal("13,375,600,600", crossed.Purchases);
        Assert.Equal("60,65,65", (await StateAsync(db, imported[1])).Purchases);
        var first = await StateAsync(db, imported[5]);
        Assert.Equal(("Silver", "12,1050"), (first.Tier, first.Purchases));
    }

    private static async Task<MemberState> StateAsync(LoyaltyDbContext db, string memberNumber)
    {
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.MemberNumber == memberNumber);
        var tier = await db.Tiers.AsNoTracking().Where(t => t.Id == member.TierId).Select(t => t.Name).SingleAsync();
        var account = await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == member.Id);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == member.Id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Points + e.PendingPoints)
            .Select(e => $"{e.Type}:{e.Points}/{e.PendingPoints}").ToListAsync();
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.MemberId == member.Id).Select(p => p.PointsEarned).ToListAsync();
        var lots = await db.PointsLots.AsNoTracking().Where(l => l.MemberId == member.Id).OrderBy(l => l.Id).Select(l => $"{l.Points}/{l.Remaining}/{l.IsPending}").ToListAsync();
        return new MemberState(
            tier,
            account.Available,
            account.Pending,
            account.LifetimeEarned,
            string.Join(",", entries.Order(StringComparer.Ordinal)),
            string.Join(",", purchases.Order()),
            string.Join(",", lots.Order(StringComparer.Ordinal)));
    }

    private sealed record MemberState(string Tier, long Available, long Pending, long LifetimeEarned, string Entries, string Purchases, string Lots);
}
