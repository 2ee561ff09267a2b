using System.Net;
using System.Net.Http.Json;
using System.Text;
using Loyalty.Api.Tests.Imports;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using ConsentPurpose = Loyalty.Domain.Customised.Profiles.ConsentPurpose;
using ConsentSource = Loyalty.Domain.Customised.Profiles.ConsentSource;
using ContactChannel = Loyalty.Domain.Customised.Profiles.ContactChannel;
using OfferBenefitKind = Loyalty.Contracts.Common.OfferBenefitKind;

namespace Loyalty.Api.Tests.Customised.Offers;

/// <summary>An app member of a test: their client, card number and id.</summary>
public sealed record AppMember(HttpClient App, string MemberNumber, Guid Id);

/// <summary>What the offer tests share: members enrolled in the app, offers drafted and published, purchases live and imported.</summary>
public static class OfferTestKit
{
    /// <summary>
    /// A member enrolled in the app, by default with marketing consent by push (offers reach only those). The consent
    /// is written to the database: the consent API belongs to the profile part.
    /// </summary>
    public static async Task<AppMember> AppMemberAsync(Scenario s, bool marketingConsent = true)
    {
        var subject = "offer-" + Unique.Id();
        var app = s.MemberClient(subject);
        var profile = await app.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Offer", "Member" + Unique.Id(), $"o{Unique.Id()}@example.com", null, null));
        await using var db = s.Api.CreateDbContext();
        var id = await db.Members.Where(m => m.MemberNumber == profile.MemberNumber).Select(m => m.Id).SingleAsync();
        if (marketingConsent)
        {
            await GrantMarketingAsync(s.Api, id);
        }

        return new AppMember(app, profile.MemberNumber, id);
    }

    public static async Task GrantMarketingAsync(LoyaltyApiFactory api, Guid memberId)
    {
        await using var db = api.CreateDbContext();
        db.MemberConsents.Add(MemberConsent.Record(memberId, ConsentPurpose.Marketing, ContactChannel.Push, true, ConsentSource.App, api.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>A segment with these members in it now (as its refresh would leave it), written to the database: the refresh belongs to the segments part.</summary>
    public static async Task<Guid> SegmentAsync(Scenario s, params AppMember[] members)
    {
        await using var db = s.Api.CreateDbContext();
        var segment = Segment.Create("Offer segment " + Unique.Id(), null, SegmentRule.Everyone, s.Api.Clock.GetUtcNow());
        db.Segments.Add(segment);
        await db.SaveChangesAsync();
        var sql = SetSql.For(db);
        foreach (var member in members)
        {
            var p = sql.NewParameters();
            await sql.ExecuteAsync(
                db,
                $"""INSERT INTO "SegmentMembers" ("SegmentId", "MemberId", "EnteredAt") VALUES ({p.Add(segment.Id)}, {p.Add(member.Id)}, {p.Add(s.Api.Clock.GetUtcNow())})""",
                p,
                CancellationToken.None);
        }

        return segment.Id;
    }

    public static PersonalOfferRequest Bonus(Scenario s, IEnumerable<AppMember> members, long points = 100, int limit = 1, bool activation = false, decimal controlShare = 0, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null)
    {
        var now = s.Api.Clock.GetUtcNow();
        return new PersonalOfferRequest(
            "Bonus " + Unique.Id(), "Extra points for you", startsAt ?? now.AddHours(-1), endsAt ?? now.AddDays(7), limit, activation, controlShare,
            new OfferBenefitDto(OfferBenefitKind.BonusPoints, BonusPoints: points), [.. members.Select(m => m.Id)]);
    }

    public static async Task<PersonalOfferResponse> PublishAsync(Scenario s, PersonalOfferRequest request)
    {
        var draft = await s.Admin.PostJsonAsync<PersonalOfferResponse>("/api/v1/admin/offers", request);
        return await s.Admin.PostJsonAsync<PersonalOfferResponse>($"/api/v1/admin/offers/{draft.Id}/publish", new { });
    }

    public static async Task<Dictionary<Guid, OfferGroup>> GroupsAsync(Scenario s, Guid offerId)
    {
        await using var db = s.Api.CreateDbContext();
        return await db.OfferAssignments.Where(a => a.OfferId == offerId).ToDictionaryAsync(a => a.MemberId, a => a.Group);
    }

    public static async Task<List<MemberOfferResponse>> MyOffersAsync(AppMember member) =>
        await member.App.GetAllAsync<MemberOfferResponse>("/api/v1/me/offers");

    public static IEnumerable<EarnLineResponse> OfferLines(PurchaseResponse purchase, Guid offerId) =>
        purchase.Breakdown.Where(l => l.Kind == EarnLineKind.Offer && l.OfferId == offerId);

    /// <summary>Imports one row per member (file order) and runs the import job; returns each row's stored offer lines.</summary>
    public static async Task<Dictionary<string, List<(Guid? OfferId, long Points)>>> ImportAsync(Scenario s, IEnumerable<AppMember> members, decimal amount, DateTimeOffset at)
    {
        var rows = members.Select(m => (m.MemberNumber, ExternalId: "IMP-" + Unique.Id())).ToList();
        var csv = new StringBuilder("memberNumber,storeId,externalId,amount,currency,purchasedAt\n");
        foreach (var (number, externalId) in rows)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{number},{s.Store.Id},{externalId},{amount},EUR,{at:O}\n");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await s.Partner.SendAsync(request);
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var queued = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        await ImportJobRunner.RunUntilIdleAsync(s.Api);
        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{queued.Id}");
        Assert.Equal((ImportStatus.Completed, rows.Count, 0), (done.Status, done.Earned, done.Rejected));

        await using var db = s.Api.CreateDbContext();
        var partnerId = s.PartnerInfo.Id;
        var result = new Dictionary<string, List<(Guid?, long)>>();
        foreach (var (number, externalId) in rows)
        {
            var purchaseId = await db.Purchases.Where(p => p.PartnerId == partnerId && p.ExternalId == externalId).Select(p => p.Id).SingleAsync();
            result[number] = (await db.EarnBreakdownLines.Where(l => l.PurchaseId == purchaseId && l.Kind == "offer").Select(l => new { l.OfferId, l.Points }).ToListAsync())
                .Select(l => (l.OfferId, l.Points)).ToList();
        }

        return result;
    }
}
