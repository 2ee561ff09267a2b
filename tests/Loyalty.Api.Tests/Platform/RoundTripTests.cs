using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The till and the app's hot paths, counted in database commands: each one is a round trip under a lock or a
/// connection, so a new query on these paths should be a decision, not an accident.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RoundTripTests(ApiFixture fixture)
{
    /// <summary>Database commands a purchase at the till may take (see the test below for what they are).</summary>
    public static int PurchaseBudget(DatabaseProvider provider) => 5;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_purchase_at_the_till_costs_a_bounded_number_of_database_commands(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m); // warm: key cached, policy cached, queries compiled

        var counter = await api.CountCommandsAsync(() => s.EarnAsync(member.MemberNumber, 25m));

        // claim key (server databases: the claim's INSERT, committed at once; SQLite: a read of what committed for the key,
        // the claim itself is held in process) · store+member+tier+duplicate receipt (one query; the earning rules come
        // from a cached snapshot) · the member's tier activity (one aggregate; skipped for top-tier members) · balance
        // UPDATE…RETURNING · one batch (purchase, breakdown line, entry, lot, outbox, and the key's record: on server
        // databases commit mark and response in one UPDATE, on SQLite the whole record inserted), then the commit — on
        // SQLite the purchase's only one. No SAVEPOINT among them (the unit of work commits whole), and one connection
        // for the whole request: claim, unit of work and stored response share it.
        var budget = PurchaseBudget(provider);
        Assert.True(counter.Count <= budget, $"{counter.Count} commands:\n{counter.Log}");
        Assert.DoesNotContain("SAVEPOINT", counter.Log, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, api.Commands.ConnectionOpens);
        if (provider == DatabaseProvider.PostgreSql)
        {
            // The claim, the balance update and the batch (one statement) take positional parameters, which Npgsql sends
            // without parsing the SQL and rewriting named ones.
            var commands = counter.Log.Split("\n---\n");
            var batch = Assert.Single(commands, c => c.Contains("INSERT INTO \"Purchases\"", StringComparison.Ordinal));
            Assert.StartsWith("WITH ", batch.TrimStart(), StringComparison.Ordinal);
            foreach (var written in new[] { batch, Assert.Single(commands, c => c.Contains("UPDATE \"PointsAccounts\"", StringComparison.Ordinal)),
                Assert.Single(commands, c => c.Contains("INSERT INTO \"IdempotencyRecords\"", StringComparison.Ordinal)) })
            {
                Assert.Contains("$1", written, StringComparison.Ordinal);
                Assert.DoesNotContain("@", written, StringComparison.Ordinal);
            }
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_purchase_using_a_personal_offer_costs_one_database_command_more(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await Customised.Offers.OfferTestKit.GrantMarketingAsync(api, member.Id);
        var now = api.Clock.GetUtcNow();
        var draft = await s.Admin.PostJsonAsync<PersonalOfferResponse>("/api/v1/admin/offers", new PersonalOfferRequest(
            "Round trip " + Unique.Id(), "", now.AddHours(-1), now.AddDays(1), 10, false, 0, new OfferBenefitDto(OfferBenefitKind.BonusPoints, BonusPoints: 5), [member.Id]));
        await s.Admin.PostJsonAsync<PersonalOfferResponse>($"/api/v1/admin/offers/{draft.Id}/publish", new { });
        await s.EarnAsync(member.MemberNumber, 10m); // warm, and uses the offer once

        PurchaseResponse? purchase = null;
        var counter = await api.CountCommandsAsync(async () => purchase = await s.EarnAsync(member.MemberNumber, 25m));

        // The offers come with the member (same query); the one extra command is the claim of a use (a conditional
        // UPDATE). The offer's breakdown line and its offer.redeemed event ride in the batch.
        Assert.Contains(purchase!.Breakdown, l => l.OfferId == draft.Id);
        var budget = PurchaseBudget(provider) + 1;
        Assert.True(counter.Count <= budget, $"{counter.Count} commands:\n{counter.Log}");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_balance_read_in_the_app_is_one_database_command(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var app = s.MemberClient("rt-" + Unique.Id());
        await app.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Round", "Trip", $"rt{Unique.Id()}@example.com", null, null));

        var counter = await api.CountCommandsAsync(() => app.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points"));

        Assert.True(counter.Count == 1, $"{counter.Count} commands:\n{counter.Log}");
        Assert.Equal(1, api.Commands.ConnectionOpens);
    }
}
