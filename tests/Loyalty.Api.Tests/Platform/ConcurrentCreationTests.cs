using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>When racing requests both pass a uniqueness check, the database decides and the loser gets the same 409.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentCreationTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Simultaneous_self_enrolments_with_one_identity_create_one_member_and_409_the_rest(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var subject = "racer-" + Unique.Id();
        var request = new SelfEnrolRequest("Ra", "Cer", $"{subject}@example.com", null, null);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = api.CreateClient().WithBearer(TestTokens.Member(subject));
            using var response = await client.PostAsync("/api/v1/me", request, idempotencyKey: null);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                // The loser breaks two unique indexes at once (identity and e-mail); which one the database reports
                // first is its choice, and both are a truthful 409.
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(body.Contains("\"member_already_enrolled\"", StringComparison.Ordinal) || body.Contains("\"email_already_enrolled\"", StringComparison.Ordinal), body);
            }

            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Simultaneous_purchases_of_one_receipt_with_different_keys_earn_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var purchase = s.Purchase(member.MemberNumber, 20m, "RACE-" + Unique.Id());

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await s.Partner.PostAsync("/api/v1/partner/transactions", purchase, Guid.NewGuid().ToString());
            if (response.StatusCode != HttpStatusCode.Created)
            {
                await response.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate_transaction");
            }

            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(20, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }
}
