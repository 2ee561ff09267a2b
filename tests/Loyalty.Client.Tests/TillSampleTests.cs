using Loyalty.Api.Tests.Infrastructure;
using Loyalty.TillSample;

namespace Loyalty.Client.Tests;

/// <summary>The README's till sample works against the real API.</summary>
[Collection(ClientCollection.Name)]
public sealed class TillSampleTests(ClientFixture fixture)
{
    [Fact]
    public async Task The_sample_sale_earns_and_pays_with_points()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var member = await s.EnrolAsync();
        using var output = new StringWriter();

        var exit = await Till.SellAsync(fixture.PartnerApi(s.Key.Key), s.Store.Id, member.MemberNumber, 42.50m, output);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains(": +42 points, 42 available", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Paid 42 points, 0 left", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Fact]
    public async Task An_unknown_card_is_reported_not_thrown()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        using var output = new StringWriter();

        var exit = await Till.SellAsync(fixture.PartnerApi(s.Key.Key), s.Store.Id, Domain.Social.Members.MemberNumber.Generate().Value, 10m, output);

        Assert.Equal((1, "No member has this card."), (exit, output.ToString().Trim()));
    }

    [Fact]
    public async Task An_unreachable_api_is_one_clear_line_not_a_stack_trace()
    {
        using var handler = new SocketsHttpHandler();
        var till = LoyaltyClientFactory.CreatePartnerApi(handler, new Uri("http://127.0.0.1:1"), "lk_unused", new LoyaltyRetryOptions { MaxAttempts = 1 });
        using var output = new StringWriter();

        var exit = await Till.SellAsync(till, Guid.NewGuid(), "8024 1736 5912", 10m, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.StartsWith("The loyalty service cannot be reached", Assert.Single(lines), StringComparison.Ordinal);
    }
}
