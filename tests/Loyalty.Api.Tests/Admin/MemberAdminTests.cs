using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Admin;

[Collection(ApiCollection.Name)]
public sealed class MemberAdminTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_find_a_member_by_the_number_as_printed_in_groups_of_four(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EnrolAsync(); // a neighbour that must not match
        var n = member.MemberNumber;

        var page = await s.Admin.GetJsonAsync<Page<AdminMemberResponse>>($"/api/v1/admin/members?query={Uri.EscapeDataString($"{n[..4]} {n[4..8]} {n[8..]}")}");

        var found = Assert.Single(page.Items);
        Assert.Equal((member.Id, n, "Bronze", 0L), (found.Id, found.MemberNumber, found.TierName, found.AvailablePoints));
        Assert.Null(page.NextCursor);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_find_a_member_by_e_mail_whatever_its_case(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var request = s.NewMember();
        var member = await s.Partner.PostJsonAsync<Loyalty.Contracts.Partner.EnrolledMemberResponse>("/api/v1/partner/members", request, idempotent: true);

        var page = await s.Admin.GetJsonAsync<Page<AdminMemberResponse>>($"/api/v1/admin/members?query={Uri.EscapeDataString(request.Email.ToUpperInvariant())}");

        var found = Assert.Single(page.Items);
        Assert.Equal((member.Id, request.Email, request.LastName), (found.Id, found.Email, found.LastName));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_find_members_by_the_start_of_their_last_name(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var family = "Quist" + Unique.Id();
        var first = await s.EnrolAsync(family + "Alpha");
        var second = await s.EnrolAsync(family + "Beta");
        await s.EnrolAsync("Other" + Unique.Id());

        var page = await s.Admin.GetJsonAsync<Page<AdminMemberResponse>>($"/api/v1/admin/members?query={Uri.EscapeDataString(family.ToLowerInvariant())}");

        Assert.Equal(new[] { first.Id, second.Id }.Order(), page.Items.Select(m => m.Id).Order());
        Assert.Equal(page.Items.Select(m => m.MemberNumber).Order(StringComparer.Ordinal), page.Items.Select(m => m.MemberNumber)); // member-number order
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_is_read_by_id_and_an_unknown_id_is_404(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var request = s.NewMember();
        var member = await s.Partner.PostJsonAsync<Loyalty.Contracts.Partner.EnrolledMemberResponse>("/api/v1/partner/members", request, idempotent: true);
        await s.EarnAsync(member.MemberNumber, 12.5m);

        var read = await s.Admin.GetJsonAsync<AdminMemberResponse>($"/api/v1/admin/members/{member.Id}");

        Assert.Equal(
            (member.MemberNumber, request.FirstName, request.LastName, request.Email, Loyalty.Contracts.Common.MemberStatus.Active, "Bronze", 12L, Loyalty.Contracts.Common.EnrolmentChannel.Store),
            (read.MemberNumber, read.FirstName, read.LastName, read.Email, read.Status, read.TierName, read.AvailablePoints, read.EnrolmentChannel));
        using var unknown = await s.Admin.GetAsync($"/api/v1/admin/members/{Guid.NewGuid()}");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_credit_then_a_debit_leave_the_difference_and_the_balance_equals_the_ledger(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var url = $"/api/v1/admin/members/{member.Id}/adjustments";

        using var credit = await s.Admin.PostAsJsonAsync(url, new CreateAdjustmentRequest(250, "Goodwill for a broken card"));
        await credit.EnsureStatusAsync(HttpStatusCode.Created);
        var credited = (await credit.Content.ReadFromJsonAsync<AdjustmentResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((member.Id, 250L, 250L, "Goodwill for a broken card"), (credited.MemberId, credited.Points, credited.AvailablePoints, credited.Reason));
        Assert.Equal($"{url}/{credited.LedgerEntryId}", credit.Headers.Location?.OriginalString);

        var debited = await s.Admin.PostJsonAsync<AdjustmentResponse>(url, new CreateAdjustmentRequest(-100, "Double credit reversed"));
        Assert.Equal((-100L, 150L), (debited.Points, debited.AvailablePoints));

        Assert.Equal(150, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        Assert.Equal(150, (await s.Admin.GetJsonAsync<AdminMemberResponse>($"/api/v1/admin/members/{member.Id}")).AvailablePoints);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_debit_beyond_the_balance_is_422_insufficient_points_and_takes_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var url = $"/api/v1/admin/members/{member.Id}/adjustments";
        await s.Admin.PostJsonAsync<AdjustmentResponse>(url, new CreateAdjustmentRequest(150, "Opening credit"));

        using var response = await s.Admin.PostAsJsonAsync(url, new CreateAdjustmentRequest(-151, "Too much"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        Assert.Equal(150, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_adjustment_of_zero_points_or_without_a_reason_is_400(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var url = $"/api/v1/admin/members/{member.Id}/adjustments";

        using var zero = await s.Admin.PostAsJsonAsync(url, new CreateAdjustmentRequest(0, "Nothing"));
        var zeroProblem = await zero.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(zeroProblem.GetProperty("errors").TryGetProperty("points", out _), zeroProblem.ToString());

        using var blank = await s.Admin.PostAsJsonAsync(url, new CreateAdjustmentRequest(10, "  "));
        var blankProblem = await blank.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(blankProblem.GetProperty("errors").TryGetProperty("reason", out _), blankProblem.ToString());

        using var missing = await s.Admin.PostAsJsonAsync(url, new { points = 10 });
        var missingProblem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(missingProblem.GetProperty("errors").TryGetProperty("reason", out _), missingProblem.ToString());

        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Adjusting_an_unknown_member_is_404(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));

        using var response = await s.Admin.PostAsJsonAsync($"/api/v1/admin/members/{Guid.NewGuid()}/adjustments", new CreateAdjustmentRequest(10, "Ghost"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }
}
