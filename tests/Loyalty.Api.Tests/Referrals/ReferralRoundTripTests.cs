using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Platform;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Referrals;

/// <summary>
/// What referrals add to a purchase at the till (within RoundTripTests' budget): nothing
/// while the programme is off or the member is past the window, one query (the pending referral) inside the window.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReferralRoundTripTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_qualifying_purchase_inside_the_window_costs_one_command_more_and_none_outside_it(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var programme = await s.ReferralProgrammeAsync(ReferralKit.Standard with { WindowDays = 7 });
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m); // warm, and below the qualifying amount

        var inside = await api.CountCommandsAsync(() => s.EarnAsync(member.MemberNumber, 25m));
        var small = await api.CountCommandsAsync(() => s.EarnAsync(member.MemberNumber, 5m));
        (int Count, string Log) outside;
        using (api.Clock.Travel(TimeSpan.FromDays(8)))
        {
            await s.EarnAsync(member.MemberNumber, 10m); // the policy and programme snapshots are reloaded after the jump
            outside = await api.CountCommandsAsync(() => s.EarnAsync(member.MemberNumber, 25m));
        }

        var budget = RoundTripTests.PurchaseBudget(provider);
        Assert.True(inside.Count == small.Count + 1, $"{inside.Count} commands:\n{inside.Log}");
        Assert.True(outside.Count == small.Count, $"{outside.Count} commands:\n{outside.Log}");
        Assert.True(small.Count <= budget, $"{small.Count} commands:\n{small.Log}");
        Assert.True(outside.Count <= budget, $"{outside.Count} commands:\n{outside.Log}");
    }
}
