using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Earning;

/// <summary>The earn path reads a member's history only when a rule that could apply to the purchase needs it.</summary>
[Collection(ApiCollection.Name)]
public sealed class EarningRoundTripTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Capped_and_visit_rules_cost_three_commands_where_they_could_apply_and_none_elsewhere(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var other = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var elsewhere = await other.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m); // warm
        await other.EarnAsync(elsewhere.MemberNumber, 10m);
        var before = await CountAsync(s, member.MemberNumber);
        var beforeElsewhere = await CountAsync(other, elsewhere.MemberNumber);

        // One base line either way: a capped base rate replaces the programme's for this partner; the first-purchase bonus no longer fires.
        await s.CreateRuleAsync(new EarningRuleRequest("Capped base", EarningRuleKind.BaseRate, "EUR", 1m, Conditions: s.Mine(), MonthlyCap: 1_000_000));
        await s.CreateRuleAsync(new EarningRuleRequest("First purchase", EarningRuleKind.FixedBonus, Points: 10, Trigger: BonusTrigger.FirstPurchase, Conditions: s.Mine()));
        await s.EarnAsync(member.MemberNumber, 10m); // rules reloaded

        Assert.Equal(before + 3, await CountAsync(s, member.MemberNumber)); // member lock · purchase count · cap usage
        Assert.Equal(beforeElsewhere, await CountAsync(other, elsewhere.MemberNumber));
    }

    /// <summary>
    /// The commands of one purchase that read or lock, leaving out the inserts and the stored response: how those are
    /// batched differs by provider and by whether the unit of work's transaction is open yet (SQLite takes its write
    /// turn at the first write), which is not what this test is about. (On PostgreSQL the inserts are one WITH statement.)
    /// </summary>
    private static async Task<int> CountAsync(Scenario s, string memberNumber)
    {
        var (_, log) = await s.Api.CountCommandsAsync(() => s.EarnAsync(memberNumber, 25m));
        return log.Split("\n---\n").Count(c => !c.TrimStart().StartsWith("INSERT", StringComparison.Ordinal) && !c.TrimStart().StartsWith("WITH \"w0\" AS (INSERT", StringComparison.Ordinal)
            && !c.Contains("UPDATE \"IdempotencyRecords\"", StringComparison.Ordinal));
    }
}
