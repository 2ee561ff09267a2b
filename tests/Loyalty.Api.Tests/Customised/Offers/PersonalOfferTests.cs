using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Customised.Offers.OfferTestKit;
using OfferBenefitKind = Loyalty.Contracts.Common.OfferBenefitKind;
using OfferStatus = Loyalty.Contracts.Common.OfferStatus;

namespace Loyalty.Api.Tests.Customised.Offers;

[Collection(ApiCollection.Name)]
public sealed class PersonalOfferTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_control_group_never_sees_or_receives_the_offer_live_or_imported_while_the_treated_members_do(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var members = new List<AppMember>();
        for (var i = 0; i < 10; i++)
        {
            members.Add(await AppMemberAsync(s));
        }

        var offer = await PublishAsync(s, Bonus(s, members, points: 70, limit: 2, controlShare: 0.4m));
        Assert.Equal((OfferStatus.Published, 6, 4, 10), (offer.Status, offer.TreatmentMembers, offer.ControlMembers, offer.TargetedMembers));
        var groups = await GroupsAsync(s, offer.Id);
        Assert.Equal(10, groups.Count);
        Assert.Equal(4, groups.Values.Count(g => g == OfferGroup.Control));

        foreach (var member in members)
        {
            var treated = groups[member.Id] == OfferGroup.Treatment;
            var listed = await MyOffersAsync(member);
            Assert.Equal(treated ? [offer.Id] : [], listed.Select(o => o.Id));
            using var activate = await member.App.PostAsync($"/api/v1/me/offers/{offer.Id}/activate", null);
            if (treated)
            {
                await activate.EnsureStatusAsync(HttpStatusCode.OK);
            }
            else
            {
                await activate.AssertProblemAsync(HttpStatusCode.NotFound, "offer_not_found");
            }

            var purchase = await s.EarnAsync(member.MemberNumber, 20m);
            var lines = OfferLines(purchase, offer.Id).ToList();
            Assert.Equal(treated ? [70L] : [], lines.Select(l => l.Points));
            Assert.DoesNotContain(purchase.Breakdown, l => l.Kind == EarnLineKind.Offer && !treated);
        }

        // The second use comes from the import: the treated members' rows carry the offer, the control's never.
        var imported = await ImportAsync(s, members, 15m, api.Clock.GetUtcNow().AddMinutes(-5));
        foreach (var member in members)
        {
            Assert.Equal(groups[member.Id] == OfferGroup.Treatment ? [(offer.Id, 70L)] : [], imported[member.MemberNumber].Select(l => (l.OfferId!.Value, l.Points)));
        }

        // Both uses are spent now: a third purchase earns without it, and the app shows none left.
        var treatedMember = members.First(m => groups[m.Id] == OfferGroup.Treatment);
        Assert.Empty(OfferLines(await s.EarnAsync(treatedMember.MemberNumber, 20m), offer.Id));
        Assert.Equal(0, (await MyOffersAsync(treatedMember)).Single().UsesLeft);

        await using var db = api.CreateDbContext();
        var controlIds = groups.Where(g => g.Value == OfferGroup.Control).Select(g => g.Key).ToList();
        Assert.False(await db.EarnBreakdownLines.AnyAsync(l => l.OfferId == offer.Id && controlIds.Contains(l.MemberId)));
        Assert.Equal(12, await db.EarnBreakdownLines.CountAsync(l => l.OfferId == offer.Id));
        Assert.Equal(12, await db.OutboxMessages.CountAsync(m => m.Type == "offer.redeemed" && m.Payload.Contains(offer.Id.ToString())));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == "offer.published" && m.Payload.Contains(offer.Id.ToString())));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_members_with_marketing_consent_are_targeted_whether_named_or_in_a_segment(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var consenting = await AppMemberAsync(s);
        var silent = await AppMemberAsync(s, marketingConsent: false);
        var outside = await AppMemberAsync(s);

        var named = await PublishAsync(s, Bonus(s, [consenting, silent]));
        var segment = await SegmentAsync(s, consenting, silent);
        var bySegment = await PublishAsync(s, Bonus(s, []) with { MemberIds = null, SegmentId = segment });

        Assert.Equal((1, 0), (named.TreatmentMembers, named.ControlMembers));
        Assert.Equal((segment, 1, 0), (bySegment.SegmentId!.Value, bySegment.TreatmentMembers, bySegment.ControlMembers));
        Assert.Equal([consenting.Id], (await GroupsAsync(s, bySegment.Id)).Keys);
        Assert.Equal(new[] { named.Id, bySegment.Id }.Order(), (await MyOffersAsync(consenting)).Select(o => o.Id).Order());
        Assert.Empty(await MyOffersAsync(silent));
        Assert.Empty(await MyOffersAsync(outside));
        Assert.DoesNotContain((await s.EarnAsync(silent.MemberNumber, 10m)).Breakdown, l => l.Kind == EarnLineKind.Offer);
        Assert.Equal(2, (await s.EarnAsync(consenting.MemberNumber, 10m)).Breakdown.Count(l => l.Kind == EarnLineKind.Offer));

        using var both = await s.Admin.PostAsync("/api/v1/admin/offers", Bonus(s, [consenting]) with { SegmentId = segment }, null);
        await both.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_offer");
        using var unknown = await s.Admin.PostAsync("/api/v1/admin/offers", Bonus(s, []) with { MemberIds = null, SegmentId = Guid.NewGuid() }, null);
        await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_segment");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_offer_that_needs_activation_earns_nothing_before_it_and_exactly_once_after_within_its_window(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var now = api.Clock.GetUtcNow();
        var offer = await PublishAsync(s, Bonus(s, [ann], points: 50, limit: 1, activation: true, startsAt: now.AddHours(-2)));

        // Not activated yet: the purchase earns as usual, without the offer; the offer is still waiting.
        var before = await s.EarnAsync(ann.MemberNumber, 10m);
        Assert.Empty(OfferLines(before, offer.Id));
        var listed = (await MyOffersAsync(ann)).Single();
        Assert.Equal((offer.Id, true, false, 1), (listed.Id, listed.RequiresActivation, listed.Activated, listed.UsesLeft));

        // Activating twice is one activation.
        var first = await ann.App.PostJsonAsync<MemberOfferResponse>($"/api/v1/me/offers/{offer.Id}/activate", new { });
        var again = await ann.App.PostJsonAsync<MemberOfferResponse>($"/api/v1/me/offers/{offer.Id}/activate", new { });
        Assert.True(first.Activated);
        Assert.Equal(first.ActivatedAt, again.ActivatedAt);

        // A purchase dated before the window (backdated receipt) gets nothing, even activated.
        var early = await s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions", s.Purchase(ann.MemberNumber, 10m) with { PurchasedAt = now.AddHours(-3) }, idempotent: true);
        Assert.Empty(OfferLines(early, offer.Id));

        var used = await s.EarnAsync(ann.MemberNumber, 10m);
        var line = Assert.Single(OfferLines(used, offer.Id));
        Assert.Equal(50, line.Points);
        Assert.Equal(used.Breakdown.Sum(l => l.Points), used.PointsEarned);
        Assert.Empty(OfferLines(await s.EarnAsync(ann.MemberNumber, 10m), offer.Id));

        // The stored purchase explains itself the same way.
        var stored = await s.Admin.GetJsonAsync<AdminPurchaseResponse>($"/api/v1/admin/purchases/{used.PurchaseId}");
        Assert.Contains(stored.Breakdown, l => l.Kind == EarnLineKind.Offer && l.OfferId == offer.Id && l.Points == 50);

        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == "offer.activated" && m.Payload.Contains(offer.Id.ToString())));

        // The member's data export says what they took part in.
        var export = await ann.App.GetJsonAsync<MemberDataExport>("/api/v1/me/export");
        var mine = Assert.Single(export.Sections["offers"].EnumerateArray());
        Assert.Equal((offer.Id.ToString(), "treatment", 1), (mine.GetProperty("offerId").GetString(), mine.GetProperty("group").GetString(), mine.GetProperty("uses").GetInt32()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task After_its_window_or_withdrawal_an_offer_is_neither_listed_nor_applied(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var bob = await AppMemberAsync(s);
        var now = api.Clock.GetUtcNow();
        var later = await PublishAsync(s, Bonus(s, [ann], startsAt: now.AddDays(1), endsAt: now.AddDays(2)));
        var withdrawn = await PublishAsync(s, Bonus(s, [bob]));
        var stopped = await s.Admin.PostJsonAsync<PersonalOfferResponse>($"/api/v1/admin/offers/{withdrawn.Id}/withdraw", new { });
        Assert.Equal(OfferStatus.Withdrawn, stopped.Status);

        Assert.Empty(await MyOffersAsync(ann));
        Assert.Empty(await MyOffersAsync(bob));
        Assert.Empty(OfferLines(await s.EarnAsync(ann.MemberNumber, 10m), later.Id));
        Assert.Empty(OfferLines(await s.EarnAsync(bob.MemberNumber, 10m), withdrawn.Id));
        using var activate = await ann.App.PostAsync($"/api/v1/me/offers/{later.Id}/activate", null);
        await activate.AssertProblemAsync(HttpStatusCode.NotFound, "offer_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Racing_purchases_use_an_offer_no_more_often_than_its_per_member_limit(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var offer = await PublishAsync(s, Bonus(s, [ann], points: 40, limit: 2));

        var purchases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => s.EarnAsync(ann.MemberNumber, 5m)));

        Assert.Equal(2, purchases.Count(p => OfferLines(p, offer.Id).Any()));
        await using var db = api.CreateDbContext();
        Assert.Equal(2, await db.OfferAssignments.Where(a => a.OfferId == offer.Id).Select(a => a.Uses).SingleAsync());
        Assert.Equal(2, await db.EarnBreakdownLines.CountAsync(l => l.OfferId == offer.Id));
        await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_multiplier_offer_adds_to_the_base_points_of_its_category_only(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var now = api.Clock.GetUtcNow();
        var offer = await PublishAsync(s, new PersonalOfferRequest(
            "Coffee x3 " + Unique.Id(), "", now.AddHours(-1), now.AddDays(1), 5, false, 0, new OfferBenefitDto(OfferBenefitKind.Multiplier, Factor: 3m, Category: "coffee-" + ann.MemberNumber), [ann.Id]));

        var tea = await s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions", s.Purchase(ann.MemberNumber, 10m) with { Lines = [new PurchaseLineRequest("T1", "tea", 1, 10m)] }, idempotent: true);
        Assert.Empty(OfferLines(tea, offer.Id));
        var mixed = await s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions",
            s.Purchase(ann.MemberNumber, 30m) with { Lines = [new PurchaseLineRequest("C1", "COFFEE-" + ann.MemberNumber, 1, 10m), new PurchaseLineRequest("T1", "tea", 1, 20m)] },
            idempotent: true);
        var line = Assert.Single(OfferLines(mixed, offer.Id));
        var basePoints = mixed.Breakdown.Where(l => l.Kind == EarnLineKind.Base).Sum(l => l.Points);
        Assert.Equal(30, basePoints); // the test programme's base rate is 1 point per EUR
        Assert.Equal(20, line.Points); // 10 base points of coffee × (3 − 1)
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_voucher_offer_issues_the_rewards_voucher_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var reward = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", new CreateRewardRequest("Free coffee " + Unique.Id(), "A cup on us", 500, null, null, null, null, null, 30));
        var now = api.Clock.GetUtcNow();
        var offer = await PublishAsync(s, new PersonalOfferRequest(
            "Coffee voucher " + Unique.Id(), "", now.AddHours(-1), now.AddDays(1), 1, false, 0, new OfferBenefitDto(OfferBenefitKind.Voucher, RewardId: reward.Id), [ann.Id]));

        var purchase = await s.EarnAsync(ann.MemberNumber, 10m);
        Assert.Equal(0, Assert.Single(OfferLines(purchase, offer.Id)).Points);
        await s.EarnAsync(ann.MemberNumber, 10m);

        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Vouchers.CountAsync(v => v.MemberId == ann.Id && v.RewardId == reward.Id && v.PointsSpent == 0));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_report_compares_treated_members_with_the_control_group(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var members = new List<AppMember>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await AppMemberAsync(s));
        }

        var offer = await PublishAsync(s, Bonus(s, members, points: 10, limit: 3, controlShare: 0.5m));
        var groups = await GroupsAsync(s, offer.Id);
        foreach (var m in members)
        {
            // Treated members come twice for 30 EUR, the control once for 10 EUR.
            var treated = groups[m.Id] == OfferGroup.Treatment;
            await s.EarnAsync(m.MemberNumber, treated ? 30m : 10m);
            if (treated)
            {
                await s.EarnAsync(m.MemberNumber, 30m);
            }
        }

        var report = await s.Admin.GetJsonAsync<PersonalOfferReportResponse>($"/api/v1/admin/offers/{offer.Id}/report?currency=EUR");
        Assert.Equal((2, 0, 2, 4L, 40L), (report.Reach, report.Activations, report.Redeemers, report.Redemptions, report.PointsAwarded));
        Assert.Equal((2, 120m, 4L, 60m, 2m), (report.Treatment.Members, report.Treatment.Spend, report.Treatment.Visits, report.Treatment.SpendPerMember, report.Treatment.VisitsPerMember));
        Assert.Equal((2, 20m, 2L, 10m, 1m), (report.Control.Members, report.Control.Spend, report.Control.Visits, report.Control.SpendPerMember, report.Control.VisitsPerMember));
        Assert.Equal((50m, 1m), (report.IncrementalSpendPerMember, report.IncrementalVisitsPerMember));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_see_only_their_own_offers_and_only_programme_staff_manage_them(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var bob = await AppMemberAsync(s);
        var offer = await PublishAsync(s, Bonus(s, [ann], activation: true));

        Assert.Empty(await MyOffersAsync(bob));
        using (var stolen = await bob.App.PostAsync($"/api/v1/me/offers/{offer.Id}/activate", null))
        {
            await stolen.AssertProblemAsync(HttpStatusCode.NotFound, "offer_not_found");
        }

        Assert.False((await MyOffersAsync(ann)).Single().Activated);

        // Management: marketing and admin yes; a member token or a partner key no.
        var marketing = api.CreateClient().WithBearer(TestTokens.Marketing());
        var draft = await marketing.PostJsonAsync<PersonalOfferResponse>("/api/v1/admin/offers", Bonus(s, [bob]));
        Assert.Equal(OfferStatus.Draft, draft.Status);
        Assert.Empty(await MyOffersAsync(bob)); // a draft is nobody's yet
        foreach (var (client, status) in new[] { (ann.App, HttpStatusCode.Forbidden), (s.Partner, HttpStatusCode.Unauthorized) })
        {
            using var list = await client.GetAsync("/api/v1/admin/offers");
            Assert.Equal(status, list.StatusCode);
            using var report = await client.GetAsync($"/api/v1/admin/offers/{offer.Id}/report");
            Assert.Equal(status, report.StatusCode);
            using var publish = await client.PostAsync($"/api/v1/admin/offers/{draft.Id}/publish", null);
            Assert.Equal(status, publish.StatusCode);
        }

        using var anonymous = await api.CreateClient().GetAsync("/api/v1/me/offers");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_published_offer_is_fixed_and_bad_terms_are_refused(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var offer = await PublishAsync(s, Bonus(s, [ann]));

        using (var update = await s.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/offers/{offer.Id}", Bonus(s, [ann]), null))
        {
            await update.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "offer_not_draft");
        }

        using (var again = await s.Admin.PostAsync($"/api/v1/admin/offers/{offer.Id}/publish", null))
        {
            await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "offer_not_draft");
        }

        using (var unknown = await s.Admin.PostAsync("/api/v1/admin/offers", Bonus(s, [ann]) with { MemberIds = [Guid.NewGuid()] }, null))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_member");
        }

        using (var noPoints = await s.Admin.PostAsync("/api/v1/admin/offers", Bonus(s, [ann]) with { Benefit = new OfferBenefitDto(OfferBenefitKind.Multiplier, Factor: 2m) }, null))
        {
            await noPoints.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_offer");
        }

        using (var draftReport = await s.Admin.GetAsync($"/api/v1/admin/offers/{(await s.Admin.PostJsonAsync<PersonalOfferResponse>("/api/v1/admin/offers", Bonus(s, [ann]))).Id}/report"))
        {
            await draftReport.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "offer_not_published");
        }

        var page = await s.Admin.GetJsonAsync<Page<PersonalOfferResponse>>("/api/v1/admin/offers?limit=2");
        Assert.Equal(2, page.Items.Count);
        Assert.NotNull(page.NextCursor);
    }
}
