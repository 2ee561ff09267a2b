using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class DependencyInjectionTests(ClientFixture fixture)
{
    [Fact]
    public async Task AddLoyaltyPartnerClient_resolves_a_partner_api_that_calls_the_server()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var member = await s.EnrolAsync();
        var services = new ServiceCollection();
        services.AddLoyaltyPartnerClient(o =>
            {
                o.BaseAddress = fixture.BaseAddress;
                o.ApiKey = s.Key.Key;
            })
            .ConfigurePrimaryHttpMessageHandler(() => fixture.Factory.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var api = provider.GetRequiredService<IPartnerApi>();
        var purchase = await api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 25m), IdempotencyKeys.New());

        Assert.Equal(25, purchase.PointsEarned);
        Assert.Equal(25, (await api.GetMemberAsync(member.MemberNumber)).AvailablePoints);
    }

    [Fact]
    public async Task AddLoyaltyClient_registers_both_apis_and_they_call_the_server()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var subject = "app-user-" + id;
        var services = new ServiceCollection();

        // AddLoyaltyClient returns IServiceCollection, not a builder. ConfigureHttpClientDefaults cannot swap the primary
        // handler either: Refit's per-client ConfigurePrimaryHttpMessageHandler runs after the defaults and wins. A
        // post-configure action runs after every client's own configuration, so it does.
        services.PostConfigureAll<HttpClientFactoryOptions>(o =>
            o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = fixture.Factory.Server.CreateHandler()));
        IServiceCollection returned = services.AddLoyaltyClient(o =>
        {
            o.BaseAddress = fixture.BaseAddress;
            o.ApiKey = s.Key.Key;
            o.AccessTokenProvider = (_, _) => ValueTask.FromResult(TestTokens.Member(subject));
        });
        await using var provider = services.BuildServiceProvider();
        Assert.Same(services, returned);

        var memberApi = provider.GetRequiredService<IMemberApi>();
        var partnerApi = provider.GetRequiredService<IPartnerApi>();
        var enrolled = await memberApi.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"anna{id}@example.com", null, null));
        await partnerApi.RecordPurchaseAsync(s.Purchase(enrolled.MemberNumber, 12m), IdempotencyKeys.New());

        Assert.Equal(12, (await memberApi.GetPointsBalanceAsync()).Available);
        Assert.Equal("Anna K.", (await partnerApi.GetMemberAsync(enrolled.MemberNumber)).DisplayName);
    }

    [Fact]
    public void AddLoyaltyClient_with_only_an_api_key_registers_only_the_partner_api()
    {
        var services = new ServiceCollection();
        services.AddLoyaltyClient(o =>
        {
            o.BaseAddress = fixture.BaseAddress;
            o.ApiKey = "lk_abcdefghij_secret";
        });
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<IPartnerApi>());
        Assert.Null(provider.GetService<IMemberApi>());
    }

    [Fact]
    public void AddLoyaltyClient_without_any_credential_is_refused()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddLoyaltyClient(o => o.BaseAddress = fixture.BaseAddress));
    }

    [Fact]
    public void A_partner_client_without_a_base_address_fails_options_validation()
    {
        var services = new ServiceCollection();
        services.AddLoyaltyPartnerClient(o => o.ApiKey = "lk_abcdefghij_secret");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPartnerApi>());

        Assert.Contains(nameof(LoyaltyPartnerClientOptions.BaseAddress), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DI_partner_client_turns_problem_details_into_LoyaltyApiException()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var services = new ServiceCollection();
        services.AddLoyaltyPartnerClient(o =>
            {
                o.BaseAddress = fixture.BaseAddress;
                o.ApiKey = s.Key.Key;
            })
            .ConfigurePrimaryHttpMessageHandler(() => fixture.Factory.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IPartnerApi>();

        var error = await Assert.ThrowsAsync<LoyaltyNotFoundException>(() => api.GetMemberAsync(MemberNumber.Generate().Value));

        Assert.Equal((404, "member_not_found"), (error.Status, error.Code));
    }
}
