using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Loyalty.Infrastructure.Persistence;
using WireStatus = Loyalty.Contracts.Common.ReferralStatus;

namespace Loyalty.Api.Tests.Referrals;

[Collection(ApiCollection.Name)]
public sealed class ReferralTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_friend_enrolled_at_the_till_with_my_code_rewards_us_both_on_their_first_qualifying_purchase_only(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync();
        var anna = await s.JoinAsync("Anna");
        Assert.True(ReferralCode.TryParse(anna.Code, out var parsed) && parsed.Value == anna.Code, anna.Code);

        var bob = await s.EnrolAtTillAsync(ReferralCode.FromStored(anna.Code).Formatted.ToLowerInvariant(), firstName: "Bob");
        var pending = Assert.Single((await anna.ReferralsAsync()).Referrals.Items);
        Assert.Equal((WireStatus.Pending, (string?)null, 0L), (pending.Status, pending.Reason, pending.PointsEarned));
        Assert.NotNull(pending.QualifyBy);

        await s.EarnAsync(bob.MemberNumber, 19.99m); // below the qualifying amount
        Assert.Empty(await s.ReferralBonusesAsync(bob.MemberNumber));
        await s.EarnAsync(bob.MemberNumber, 25m);
        await s.EarnAsync(bob.MemberNumber, 80m); // not the first any more

        var bobBonus = Assert.Single(await s.ReferralBonusesAsync(bob.MemberNumber));
        var annaBonus = Assert.Single(await s.ReferralBonusesAsync(anna.Number));
        Assert.Equal((200L, 300L), (bobBonus.Points, annaBonus.Points));
        var referral = await s.ReferralOfAsync(bob.MemberNumber);
        Assert.Equal((ReferralStatus.Rewarded, referral.Id, referral.Id), (referral.Status, bobBonus.ReferenceId!.Value, annaBonus.ReferenceId!.Value));
        Assert.Equal(2, await s.ReferralEventsAsync(referral.Id));

        var page = await anna.ReferralsAsync();
        var item = Assert.Single(page.Referrals.Items);
        Assert.Equal((bob.DisplayName, WireStatus.Rewarded, 300L, (DateTimeOffset?)null), (item.DisplayName, item.Status, item.PointsEarned, item.QualifyBy));
        Assert.Equal((300L, 4, 19), (page.PointsEarned, page.RemainingThisMonth, page.RemainingThisYear));
        Assert.Contains(page.FormattedCode, page.ShareText, StringComparison.Ordinal);
        await s.AssertBalanceEqualsLedgerAsync(bob.MemberNumber);
        await s.AssertBalanceEqualsLedgerAsync(anna.Number);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_referrer_sees_a_first_name_and_initial_and_never_the_friends_e_mail_or_surname(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var anna = await s.JoinAsync("Anna");
        var bob = await s.JoinAsync("Bob", anna.Code, phone: "+31 6 1234 5678");

        using var response = await anna.Client.GetAsync(ReferralKit.Mine);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains(bob.DisplayName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Profile.Email, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bob.Profile.LastName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Profile.MemberNumber, body, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", body, StringComparison.Ordinal);

        // Bob's own page is his code and his own referrals, not who referred him.
        var bobs = await bob.ReferralsAsync();
        Assert.Empty(bobs.Referrals.Items);
        Assert.NotEqual(anna.Code, bobs.Code);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_or_mistyped_code_is_422_on_both_channels_and_enrols_nobody(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var anna = await s.JoinAsync("Anna");
        var mistyped = anna.Code[..7] + (anna.Code[7] == 'A' ? 'B' : 'A');
        var unknown = Unused(anna.Code);

        foreach (var code in new[] { mistyped, unknown, "not a code", "ABCD-EFGH" })
        {
            var id = Unique.Id();
            var me = s.MemberClient("app-" + id);
            var request = new SelfEnrolRequest("Eve", "Typo", $"eve{id}@example.com", null, null, code);
            using var app = await me.PostAsJsonAsync("/api/v1/me", request);
            await app.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_referral_code");
            using var till = await s.Partner.PostAsync("/api/v1/partner/members", s.NewMember() with { ReferralCode = code }, Guid.NewGuid().ToString());
            await till.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_referral_code");

            // Nothing was stored: the same person can join at once without the code.
            await me.PostJsonAsync<MemberProfileResponse>("/api/v1/me", request with { ReferralCode = null });
        }

        using var tooLong = await s.MemberClient("app-" + Unique.Id()).PostAsJsonAsync("/api/v1/me", new SelfEnrolRequest("Eve", "Long", $"l{Unique.Id()}@example.com", null, null, new string('A', 21)));
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_code_of_a_suspended_or_closed_member_is_the_same_422_as_an_unknown_one(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var suspended = await s.JoinAsync("Sue");
        var closed = await s.JoinAsync("Cloe");
        await s.SetStatusAsync(suspended.Number, MemberStatus.Suspended);
        await s.SetStatusAsync(closed.Number, MemberStatus.Closed);

        foreach (var code in new[] { suspended.Code, closed.Code })
        {
            using var response = await s.Partner.PostAsync("/api/v1/partner/members", s.NewMember() with { ReferralCode = code }, Guid.NewGuid().ToString());
            await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_referral_code");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Referring_myself_under_another_address_or_with_my_phone_is_recorded_as_rejected_and_earns_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync();
        var id = Unique.Id();
        var digits = Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var anna = await s.JoinAsync("Anna", email: $"anna.{id}@gmail.com", phone: "+44 7700 9" + digits);

        var sameMailbox = await s.JoinAsync("Anna", anna.Code, email: $"anna{id}+second@googlemail.com");
        var samePhone = await s.EnrolAtTillAsync(anna.Code, phone: "07700 9" + digits);
        await s.EarnAsync(sameMailbox.Number, 50m);
        await s.EarnAsync(samePhone.MemberNumber, 50m);

        Assert.Equal((ReferralStatus.Rejected, ReferralReasons.SelfReferral), Outcome(await s.ReferralOfAsync(sameMailbox.Number)));
        Assert.Equal((ReferralStatus.Rejected, ReferralReasons.SelfReferral), Outcome(await s.ReferralOfAsync(samePhone.MemberNumber)));
        Assert.Empty(await s.ReferralBonusesAsync(anna.Number));
        Assert.Empty(await s.ReferralBonusesAsync(sameMailbox.Number));
        Assert.All((await anna.ReferralsAsync()).Referrals.Items, r => Assert.Equal((WireStatus.Rejected, "self_referral"), (r.Status, r.Reason)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_is_referred_once_ever_even_under_a_new_account(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync();
        var anna = await s.JoinAsync("Anna");
        var carl = await s.JoinAsync("Carl");
        var phone = "+49 151 " + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bob = await s.JoinAsync("Bob", anna.Code, phone: phone);
        await s.SetStatusAsync(bob.Number, MemberStatus.Closed);

        var bobAgain = await s.EnrolAtTillAsync(carl.Code, phone: phone.Replace(" ", "-", StringComparison.Ordinal), firstName: "Bob");
        await s.EarnAsync(bobAgain.MemberNumber, 50m);

        Assert.Equal((ReferralStatus.Rejected, ReferralReasons.AlreadyReferred), Outcome(await s.ReferralOfAsync(bobAgain.MemberNumber)));
        Assert.Empty(await s.ReferralBonusesAsync(carl.Number));
        Assert.Empty(await s.ReferralBonusesAsync(bobAgain.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_person_who_referred_my_referrer_cannot_come_back_through_my_code(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync();
        var id = Unique.Id();
        var anna = await s.JoinAsync("Anna", email: $"anna{id}@example.com");
        var bob = await s.JoinAsync("Bob", anna.Code);

        var annaAgain = await s.JoinAsync("Anna", bob.Code, email: $"anna{id}+back@example.com");
        await s.EarnAsync(annaAgain.Number, 50m);

        Assert.Equal((ReferralStatus.Rejected, ReferralReasons.ReferralLoop), Outcome(await s.ReferralOfAsync(annaAgain.Number)));
        Assert.Empty(await s.ReferralBonusesAsync(bob.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Past_the_monthly_cap_a_referral_is_rejected_for_both_and_the_page_shows_no_room_left(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync(ReferralKit.Standard with { MaxRewardsPerMonth = 1, MaxRewardsPerYear = 10 });
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);
        var carl = await s.EnrolAtTillAsync(anna.Code);

        await s.EarnAsync(bob.MemberNumber, 30m);
        await s.EarnAsync(carl.MemberNumber, 30m);

        Assert.Equal((ReferralStatus.Rewarded, (string?)null), Outcome(await s.ReferralOfAsync(bob.MemberNumber)));
        Assert.Equal((ReferralStatus.Rejected, ReferralReasons.CapReached), Outcome(await s.ReferralOfAsync(carl.MemberNumber)));
        Assert.Single(await s.ReferralBonusesAsync(anna.Number));
        Assert.Empty(await s.ReferralBonusesAsync(carl.MemberNumber));
        var page = await anna.ReferralsAsync();
        Assert.Equal((0, 9), (page.RemainingThisMonth, page.RemainingThisYear));
        await s.AssertBalanceEqualsLedgerAsync(anna.Number);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_referrer_suspended_by_the_time_of_the_purchase_gets_nothing_and_the_friend_still_gets_their_bonus(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync();
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);
        await s.SetStatusAsync(anna.Number, MemberStatus.Suspended);

        await s.EarnAsync(bob.MemberNumber, 30m);

        var referral = await s.ReferralOfAsync(bob.MemberNumber);
        Assert.Equal((ReferralStatus.Rewarded, ReferralReasons.ReferrerInactive, 0L, 200L), (referral.Status, referral.Reason, referral.ReferrerPoints, referral.RefereePoints));
        Assert.Equal(200, Assert.Single(await s.ReferralBonusesAsync(bob.MemberNumber)).Points);
        Assert.Empty(await s.ReferralBonusesAsync(anna.Number));
        Assert.Equal(1, await s.ReferralEventsAsync(referral.Id));
        await s.AssertBalanceEqualsLedgerAsync(bob.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_first_purchase_after_the_window_rewards_nobody_and_the_referral_reads_as_expired(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var programme = await s.ReferralProgrammeAsync(ReferralKit.Standard with { WindowDays = 7 });
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);

        using (api.Clock.Travel(TimeSpan.FromDays(8)))
        {
            await s.EarnAsync(bob.MemberNumber, 30m);
            var item = Assert.Single((await anna.ReferralsAsync()).Referrals.Items);
            Assert.Equal((WireStatus.Rejected, ReferralReasons.WindowExpired, (DateTimeOffset?)null), (item.Status, item.Reason, item.QualifyBy));
        }

        Assert.Equal(ReferralStatus.Pending, (await s.ReferralOfAsync(bob.MemberNumber)).Status);
        Assert.Empty(await s.ReferralBonusesAsync(bob.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task While_the_programme_is_off_codes_still_work_and_purchases_reward_nobody(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync(ReferralKit.Standard with { Enabled = false });
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);

        await s.EarnAsync(bob.MemberNumber, 100m);

        Assert.Equal(ReferralStatus.Pending, (await s.ReferralOfAsync(bob.MemberNumber)).Status);
        Assert.Empty(await s.ReferralBonusesAsync(bob.MemberNumber));
        Assert.False((await anna.ReferralsAsync()).Programme.Enabled);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_first_purchases_of_one_friend_reward_the_referral_exactly_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync();
        var anna = await s.JoinAsync("Anna");
        var bob = await s.EnrolAtTillAsync(anna.Code);

        var results = await PointsFlows.InParallelAsync(6, _ =>
            s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(bob.MemberNumber, 40m), Guid.NewGuid().ToString()));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.Created, $"{r.Status}: {r.Body}"));
        Assert.Single(await s.ReferralBonusesAsync(bob.MemberNumber));
        Assert.Single(await s.ReferralBonusesAsync(anna.Number));
        Assert.Equal(2, await s.ReferralEventsAsync((await s.ReferralOfAsync(bob.MemberNumber)).Id));
        await s.AssertBalanceEqualsLedgerAsync(bob.MemberNumber);
        await s.AssertBalanceEqualsLedgerAsync(anna.Number);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_first_purchases_of_two_friends_do_not_both_take_the_last_place_under_the_cap(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var programme = await s.ReferralProgrammeAsync(ReferralKit.Standard with { MaxRewardsPerMonth = 1 });
        var anna = await s.JoinAsync("Anna");
        var friends = new[] { await s.EnrolAtTillAsync(anna.Code), await s.EnrolAtTillAsync(anna.Code), await s.EnrolAtTillAsync(anna.Code) };

        var results = await PointsFlows.InParallelAsync(friends.Length, i =>
            s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(friends[i].MemberNumber, 40m), Guid.NewGuid().ToString()));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.Created, $"{r.Status}: {r.Body}"));
        Assert.Single(await s.ReferralBonusesAsync(anna.Number));
        var outcomes = new List<(ReferralStatus, string?)>();
        foreach (var friend in friends)
        {
            outcomes.Add(Outcome(await s.ReferralOfAsync(friend.MemberNumber)));
        }

        Assert.Equal(1, outcomes.Count(o => o == (ReferralStatus.Rewarded, null)));
        Assert.Equal(2, outcomes.Count(o => o == (ReferralStatus.Rejected, ReferralReasons.CapReached)));
        await s.AssertBalanceEqualsLedgerAsync(anna.Number);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_till_enrolment_with_a_code_replayed_with_its_key_enrols_and_refers_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var anna = await s.JoinAsync("Anna");
        var key = Guid.NewGuid().ToString();
        var request = s.NewMember() with { ReferralCode = anna.Code };

        using var first = await s.Partner.PostAsync("/api/v1/partner/members", request, key);
        using var replay = await s.Partner.PostAsync("/api/v1/partner/members", request, key);

        await first.EnsureStatusAsync(HttpStatusCode.Created);
        await replay.EnsureStatusAsync(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Single((await anna.ReferralsAsync()).Referrals.Items);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_referral_page_pages_newest_first_and_rejects_a_forged_cursor(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var anna = await s.JoinAsync("Anna");
        var friends = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            friends.Add((await s.EnrolAtTillAsync(anna.Code, firstName: "F" + i)).DisplayName);
        }

        var first = await anna.Client.GetJsonAsync<MyReferralsResponse>(ReferralKit.Mine + "?limit=2");
        var second = await anna.Client.GetJsonAsync<MyReferralsResponse>($"{ReferralKit.Mine}?limit=2&cursor={first.Referrals.NextCursor}");

        Assert.Equal([friends[2], friends[1]], first.Referrals.Items.Select(r => r.DisplayName));
        Assert.Equal([friends[0]], second.Referrals.Items.Select(r => r.DisplayName));
        Assert.Null(second.Referrals.NextCursor);
        using var forged = await anna.Client.GetAsync(ReferralKit.Mine + "?cursor=bm90LWEta2V5");
        await forged.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        using var tooMany = await anna.Client.GetAsync(ReferralKit.Mine + "?limit=1000");
        await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_limit");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_enrolled_before_referrals_gets_a_code_on_first_visit_and_keeps_it(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (client, profile) = await s.JoinAppAsync();
        await using (var db = s.Api.CreateDbContext())
        {
            var id = db.Members.Single(m => m.MemberNumber == profile.MemberNumber).Id;
            db.MemberReferralCodes.RemoveRange(db.MemberReferralCodes.Where(c => c.MemberId == id));
            await db.SaveChangesAsync();
        }

        var pages = await PointsFlows.InParallelAsync(4, _ => client.GetAsync(ReferralKit.Mine));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        var codes = pages.Select(p => System.Text.Json.JsonDocument.Parse(p.Body).RootElement.GetProperty("code").GetString()).Distinct().ToList();
        Assert.Single(codes);
        Assert.Equal(codes[0], (await client.GetJsonAsync<MyReferralsResponse>(ReferralKit.Mine)).Code);
    }

    private static (ReferralStatus, string?) Outcome(Referral r) => (r.Status, r.Reason);

    private static string Unused(string code)
    {
        while (true)
        {
            var other = ReferralCode.Generate().Value;
            if (other != code)
            {
                return other;
            }
        }
    }
}
