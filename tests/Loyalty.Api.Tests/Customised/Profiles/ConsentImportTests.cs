using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Lifecycle;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Customised.Profiles;

/// <summary>Consents decided elsewhere come in with source import, never overriding what the member said since.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConsentImportTests(ApiFixture fixture)
{
    private const string Imports = "/api/v1/admin/consent-imports";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_import_records_each_decision_with_source_import_and_skips_what_the_member_changed_since(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var clock = s.Api.Clock;
        var reference = "crm-" + Unique.Id();
        var (anna, annaJoined) = await s.JoinAppAsync("Anna");
        var annaId = await s.IdOfAsync(annaJoined.MemberNumber);
        var ben = await s.EnrolAsync();
        var benId = await s.IdOfAsync(ben.MemberNumber);
        var closed = await s.EnrolAsync();
        await s.CloseAsync(await s.IdOfAsync(closed.MemberNumber));

        // Anna says yes to e-mails in the app; the CRM still holds her older "no".
        var decidedInCrm = clock.GetUtcNow().AddDays(-2);
        await anna.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(Consents: [ProfileKit.Consent(ConsentPurpose.Marketing, ContactChannel.Email, true)]));

        var request = new ImportConsentsRequest(reference, [
            new(annaJoined.MemberNumber, ConsentPurpose.Marketing, ContactChannel.Email, false, decidedInCrm),
            new(annaJoined.MemberNumber, ConsentPurpose.Profiling, ContactChannel.None, true, decidedInCrm),
            new(ben.MemberNumber, ConsentPurpose.Marketing, ContactChannel.Sms, true),
            new(ben.MemberNumber, ConsentPurpose.PartnerSharing, ContactChannel.None, false),
            new(closed.MemberNumber, ConsentPurpose.Marketing, ContactChannel.Email, true),
            new(MemberNumber.Generate().Value, ConsentPurpose.Marketing, ContactChannel.Email, true),
        ]);
        var key = Guid.NewGuid().ToString();
        var imported = await ImportAsync(s, request, key);

        Assert.Equal(
            [ConsentImportOutcome.Stale, ConsentImportOutcome.Applied, ConsentImportOutcome.Applied, ConsentImportOutcome.Unchanged, ConsentImportOutcome.MemberClosed, ConsentImportOutcome.UnknownMember],
            imported.Rows.Select(r => r.Outcome));
        Assert.Equal((reference, 2, 1, 3), (imported.Reference, imported.Applied, imported.Unchanged, imported.Skipped));
        Assert.Equal([0, 1, 2, 3, 4, 5], imported.Rows.Select(r => r.Row));

        // Anna's newer "yes" stands; her profiling consent came from the import, recorded now.
        var annas = await anna.GetJsonAsync<MyProfileResponse>(ProfileKit.MyProfile);
        Assert.True(annas.Consents.IsGranted(ConsentPurpose.Marketing, ContactChannel.Email));
        var profiling = annas.Consents.Single(c => c.Purpose == ConsentPurpose.Profiling);
        Assert.Equal((true, ConsentSource.Import), (profiling.Granted, profiling.Source));

        var bens = await s.Admin.GetAllAsync<ConsentHistoryEntry>($"/api/v1/admin/members/{benId}/consents/history");
        var change = Assert.Single(bens);
        Assert.Equal((ConsentPurpose.Marketing, ContactChannel.Sms, true, ConsentSource.Import, $"import:{reference}"), (change.Purpose, change.Channel, change.Granted, change.Source, change.Actor));
        Assert.Equal(2, (await s.Admin.GetAllAsync<ConsentHistoryEntry>($"/api/v1/admin/members/{annaId}/consents/history")).Count);

        // The same request again with its key answers the first result and records nothing more.
        var replayed = await ImportAsync(s, request, key);
        Assert.Equal(imported.Id, replayed.Id);
        Assert.Single(await s.Admin.GetAllAsync<ConsentHistoryEntry>($"/api/v1/admin/members/{benId}/consents/history"));

        // Sent again under a new key, every row is now unchanged or skipped: an import is safe to repeat.
        var again = await ImportAsync(s, request, Guid.NewGuid().ToString());
        Assert.Equal(0, again.Applied);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_malformed_import_is_refused_whole_with_the_rows_named(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var ben = await s.EnrolAsync();
        var benId = await s.IdOfAsync(ben.MemberNumber);
        var good = new ConsentImportRow(ben.MemberNumber, ConsentPurpose.Marketing, ContactChannel.Email, true);

        foreach (var (request, field) in new (ImportConsentsRequest, string)[]
        {
            (new("crm", [good, good with { MemberNumber = "12345" }]), "rows[1].memberNumber"),
            (new("crm", [good with { DecidedAt = s.Api.Clock.GetUtcNow().AddDays(1) }]), "rows[0].decidedAt"),
            (new("crm", [good with { Channel = ContactChannel.None }]), "rows[0].channel"),
            (new("crm", [good, good with { Granted = false }]), "rows"),
            (new("crm", [.. Enumerable.Repeat(good, 1_001)]), "rows"),
            (new("no spaces allowed", [good]), "reference"),
        })
        {
            using var response = await s.Admin.PostAsync(Imports, request, Guid.NewGuid().ToString());
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Empty(await s.Admin.GetAllAsync<ConsentHistoryEntry>($"/api/v1/admin/members/{benId}/consents/history"));

        using var member = await s.MemberClient("someone-" + Unique.Id()).PostAsync(Imports, new ImportConsentsRequest("crm", [good]), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        using var keyless = await s.Admin.PostAsJsonAsync(Imports, new ImportConsentsRequest("crm", [good]));
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
    }

    private static async Task<ConsentImportResponse> ImportAsync(Scenario s, ImportConsentsRequest request, string key)
    {
        using var response = await s.Admin.PostAsync(Imports, request, key);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ConsentImportResponse>(HttpTestExtensions.Json))!;
    }
}
