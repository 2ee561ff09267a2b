using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Referrals;

[Collection(ApiCollection.Name)]
public sealed class ReferralAdminTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Marketing_changes_the_programme_and_the_change_is_audited_with_before_and_after(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var restore = await s.ReferralProgrammeAsync();
        var actor = "marketing-" + Unique.Id();
        var marketing = api.CreateClient().WithBearer(TestTokens.Marketing(actor));
        var change = ReferralKit.Standard with { ReferrerPoints = 750, Currency = "GBP", WindowDays = 45 };

        using var put = await marketing.PutProgrammeAsync(change);
        await put.EnsureStatusAsync(HttpStatusCode.OK);

        var stored = await marketing.GetJsonAsync<ReferralProgrammeResponse>(ReferralKit.Programme);
        Assert.Equal((true, 750L, 200L, "GBP", 45), (stored.Enabled, stored.ReferrerPoints, stored.RefereePoints, stored.Currency, stored.WindowDays));
        var log = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>("/api/v1/admin/audit-log?entityType=referral_programme&entityId=1&limit=200");
        var entry = Assert.Single(log.Items, e => e.Actor == actor);
        Assert.Equal("referral_programme.changed", entry.Action);
        Assert.Equal(750, JsonDocument.Parse(entry.After!).RootElement.GetProperty("referrerPoints").GetInt64());
        Assert.Equal(300, JsonDocument.Parse(entry.Before!).RootElement.GetProperty("referrerPoints").GetInt64());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Settings_out_of_range_are_400_with_the_fields_and_change_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var restore = await s.ReferralProgrammeAsync();

        using var response = await s.Admin.PutProgrammeAsync(new ReferralProgrammeRequest(true, -1, 2_000_000, -5m, "euro", 0, 0, 400));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "referrerPoints", "refereePoints", "minimumPurchaseAmount", "currency", "maxRewardsPerMonth", "maxRewardsPerYear", "windowDays" }, fields);
        Assert.Equal(300, (await s.Admin.GetJsonAsync<ReferralProgrammeResponse>(ReferralKit.Programme)).ReferrerPoints);
        using var yearBelowMonth = await s.Admin.PutProgrammeAsync(ReferralKit.Standard with { MaxRewardsPerMonth = 5, MaxRewardsPerYear = 4 });
        await yearBelowMonth.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_see_a_members_code_who_referred_them_and_whom_they_referred(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var restore = await s.ReferralProgrammeAsync();
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);
        var carl = await s.EnrolAtTillAsync(anna.Code);
        await s.EarnAsync(bob.MemberNumber, 30m);

        var bobs = await s.Admin.GetJsonAsync<MemberReferralsResponse>($"/api/v1/admin/members/{bob.Id}/referrals");
        Assert.NotNull(bobs.Code);
        Assert.Equal((anna.Number, bob.MemberNumber, ReferralStatus.Rewarded, 300L, 200L), (bobs.ReferredBy!.ReferrerNumber, bobs.ReferredBy.RefereeNumber, bobs.ReferredBy.Status, bobs.ReferredBy.ReferrerPoints, bobs.ReferredBy.RefereePoints));
        Assert.NotNull(bobs.ReferredBy.PurchaseId);
        Assert.Empty(bobs.Referred);

        var annaId = bobs.ReferredBy.ReferrerId;
        var annas = await s.Admin.GetJsonAsync<MemberReferralsResponse>($"/api/v1/admin/members/{annaId}/referrals");
        Assert.Equal(anna.Code, annas.Code);
        Assert.Null(annas.ReferredBy);
        Assert.Equal([(carl.MemberNumber, ReferralStatus.Pending), (bob.MemberNumber, ReferralStatus.Rewarded)], annas.Referred.Select(r => (r.RefereeNumber, r.Status)));

        using var unknown = await s.Admin.GetAsync($"/api/v1/admin/members/{Guid.NewGuid()}/referrals");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_partners_and_strangers_cannot_reach_the_programme_or_another_members_referrals(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);
        var anonymous = api.CreateClient();
        var marketing = api.CreateClient().WithBearer(TestTokens.Marketing());

        using (var asMember = await anna.Client.PutProgrammeAsync(ReferralKit.Standard with { ReferrerPoints = 1_000_000 }))
        {
            await asMember.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        foreach (var url in new[] { ReferralKit.Programme, $"/api/v1/admin/members/{bob.Id}/referrals" })
        {
            using var member = await anna.Client.GetAsync(url);
            await member.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            using var partner = await s.Partner.GetAsync(url);
            await partner.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }

        // Marketing configures the programme but does not browse members' referrals.
        using (var marketingOnMembers = await marketing.GetAsync($"/api/v1/admin/members/{bob.Id}/referrals"))
        {
            await marketingOnMembers.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        using var partnerOnMine = await s.Partner.GetAsync(ReferralKit.Mine);
        await partnerOnMine.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        using var anonymousOnMine = await anonymous.GetAsync(ReferralKit.Mine);
        await anonymousOnMine.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        using var stranger = await s.MemberClient("never-joined-" + Unique.Id()).GetAsync(ReferralKit.Mine);
        await stranger.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_data_section_exports_both_sides_and_erasure_drops_the_code_and_the_contact_keys(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code, phone: "+44 7700 900" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await using var scope = api.Services.CreateAsyncScope();
        var section = scope.ServiceProvider.GetServices<IMemberDataSection>().Single(x => x.Name == "referrals");
        var export = JsonSerializer.SerializeToElement(await section.ExportAsync(bob.Id, CancellationToken.None), HttpTestExtensions.Json);
        Assert.Equal("pending", export.GetProperty("referredBy").GetProperty("status").GetString());
        Assert.Equal(0, export.GetProperty("referralsMade").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(export.GetProperty("code").GetString()));
        Assert.DoesNotContain("@", export.GetRawText(), StringComparison.Ordinal);

        var db = scope.ServiceProvider.GetRequiredService<Loyalty.Application.Abstractions.ILoyaltyDbContext>();
        await section.EraseAsync(bob.Id, CancellationToken.None);
        await db.SaveChangesAsync();

        var referral = await s.ReferralOfAsync(bob.MemberNumber);
        Assert.Equal((null, null), (referral.RefereeEmailKey, referral.RefereePhoneKey));
        await using var check = api.CreateDbContext();
        Assert.False(await check.MemberReferralCodes.AnyAsync(c => c.MemberId == bob.Id));
        Assert.Single((await anna.ReferralsAsync()).Referrals.Items); // the referrer's history stays
    }
}
