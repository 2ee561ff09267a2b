using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Member;

[Collection(ApiCollection.Name)]
public sealed class SelfEnrolmentTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Joining_from_the_app_answers_201_with_a_bronze_profile_and_a_12_digit_number(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = s.MemberClient("app-" + Unique.Id());
        var request = NewRequest() with { Phone = "+44 20 7946 0000", BirthDate = new DateOnly(1990, 5, 17) };

        using var response = await me.PostAsJsonAsync("/api/v1/me", request);

        await response.EnsureStatusAsync(HttpStatusCode.Created);
        Assert.Equal("/api/v1/me", response.Headers.Location?.OriginalString);
        var profile = (await response.Content.ReadFromJsonAsync<MemberProfileResponse>(HttpTestExtensions.Json))!;
        Assert.Equal(12, profile.MemberNumber.Length);
        Assert.True(profile.MemberNumber.All(char.IsAsciiDigit), profile.MemberNumber);
        Assert.Equal(("Bronze", 0), (profile.Tier.Name, profile.Tier.Rank));
        Assert.Equal((request.FirstName, request.LastName, request.Email, request.Phone, request.BirthDate, Loyalty.Contracts.Common.MemberStatus.Active), (profile.FirstName, profile.LastName, profile.Email, profile.Phone, profile.BirthDate, profile.Status));

        var again = await me.GetJsonAsync<MemberProfileResponse>("/api/v1/me");
        Assert.Equal((profile.MemberNumber, profile.Email, profile.Tier), (again.MemberNumber, again.Email, again.Tier));
        var balance = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal((0L, 0L, 0L), (balance.Available, balance.Pending, balance.LifetimeEarned));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Joining_twice_with_the_same_identity_is_409_member_already_enrolled(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = s.MemberClient("app-" + Unique.Id());
        var first = await me.PostJsonAsync<MemberProfileResponse>("/api/v1/me", NewRequest());

        using var again = await me.PostAsJsonAsync("/api/v1/me", NewRequest());

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "member_already_enrolled");
        Assert.Equal(first.MemberNumber, (await me.GetJsonAsync<MemberProfileResponse>("/api/v1/me")).MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Joining_with_the_e_mail_of_another_member_is_409_email_already_enrolled(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var first = NewRequest();
        await s.MemberClient("app-" + Unique.Id()).PostJsonAsync<MemberProfileResponse>("/api/v1/me", first);
        var other = s.MemberClient("app-" + Unique.Id());

        using var response = await other.PostAsJsonAsync("/api/v1/me", NewRequest() with { Email = " " + first.Email.ToUpperInvariant() });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "email_already_enrolled");
        using var profile = await other.GetAsync("/api/v1/me");
        await profile.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_invalid_e_mail_or_a_future_birth_date_is_400_naming_each_field(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = s.MemberClient("app-" + Unique.Id());

        using var badEmail = await me.PostAsJsonAsync("/api/v1/me", NewRequest() with { Email = "not-an-email" });
        var emailProblem = await badEmail.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(emailProblem.GetProperty("errors").TryGetProperty("email", out _), emailProblem.ToString());

        using var future = await me.PostAsJsonAsync("/api/v1/me", NewRequest() with { BirthDate = DateOnly.FromDateTime(s.Api.Clock.GetUtcNow().UtcDateTime).AddDays(2) });
        var birthProblem = await future.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(birthProblem.GetProperty("errors").TryGetProperty("birthDate", out _), birthProblem.ToString());

        using var both = await me.PostAsJsonAsync("/api/v1/me", NewRequest() with { Email = "a@", BirthDate = new DateOnly(2999, 1, 1) });
        var bothErrors = (await both.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        Assert.True(bothErrors.TryGetProperty("email", out _) && bothErrors.TryGetProperty("birthDate", out _), bothErrors.ToString());

        using var profile = await me.GetAsync("/api/v1/me"); // nothing was enrolled
        await profile.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Before_joining_my_profile_balance_and_history_are_404_member_not_found(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = s.MemberClient("app-" + Unique.Id());

        foreach (var url in new[] { "/api/v1/me", "/api/v1/me/points", "/api/v1/me/points/history" })
        {
            using var response = await me.GetAsync(url);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }
    }

    private static SelfEnrolRequest NewRequest()
    {
        var id = Unique.Id();
        return new SelfEnrolRequest("App", "User" + id, $"app{id}@example.com", null, null);
    }
}
