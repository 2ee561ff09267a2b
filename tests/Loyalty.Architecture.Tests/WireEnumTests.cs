using System.Reflection;

namespace Loyalty.Architecture.Tests;

/// <summary>
/// Every enum on the wire (Contracts) mirrors its Domain enum member for member, in the same order: the API maps one
/// to the other by name (WireValue), so a Domain member added without its Contracts twin would fail at run time.
/// </summary>
public sealed class WireEnumTests
{
    private static readonly Assembly Domain = Assembly.Load("Loyalty.Domain");
    private static readonly Assembly Contracts = Assembly.Load("Loyalty.Contracts");

    // Contracts enums whose Domain twin has another name.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["Loyalty.Contracts.Common.PointsEntryType"] = "LedgerEntryType",
    };

    // Contracts enums with no Domain enum behind them, each with why.
    private static readonly Dictionary<string, string> WireOnly = new(StringComparer.Ordinal)
    {
        ["Loyalty.Contracts.Common.EarnLineKind"] = "the domain names earn-line kinds with string constants (EarnLineKinds)",
        ["Loyalty.Contracts.Events.PointsEarnedSource"] = "what an event was raised by, not a domain state",
        ["Loyalty.Contracts.Events.TransferDirection"] = "a side of a transfer as one member sees it",
        ["Loyalty.Contracts.Member.TransferSide"] = "a side of a transfer as one member sees it",
        ["Loyalty.Contracts.Events.ReferralRole"] = "a side of a referral as one member sees it",
        ["Loyalty.Contracts.Admin.TierSchemeVersionStatus"] = "derived from a version's applied and cancelled times",
        ["Loyalty.Contracts.Admin.BulkGrantStatus"] = "derived from the grant's items still pending",
        ["Loyalty.Contracts.Admin.PrioritySource"] = "where a member's priority service comes from, derived from the member and tier flags",
        ["Loyalty.Contracts.Common.ConsentImportOutcome"] = "what an import did with a row, reported once and never stored",
    };

    [Fact]
    public void Every_contract_enum_has_a_domain_twin_or_says_why_not_and_every_pair_has_the_same_members_in_the_same_order()
    {
        var domain = Domain.GetTypes().Where(t => t.IsEnum && t.IsPublic).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var problems = new List<string>();
        var pairs = 0;
        foreach (var contract in Contracts.GetTypes().Where(t => t.IsEnum && t.IsPublic))
        {
            var name = contract.FullName!;
            if (WireOnly.ContainsKey(name))
            {
                continue;
            }

            var twinName = Renamed.GetValueOrDefault(name)
                ?? (contract.Name.EndsWith("Value", StringComparison.Ordinal) && !domain.ContainsKey(contract.Name) ? contract.Name[..^"Value".Length] : contract.Name);
            if (!domain.TryGetValue(twinName, out var twins) || twins.Count != 1)
            {
                problems.Add($"{name}: no single Domain enum named {twinName}; pair it (Renamed) or say why it is wire-only (WireOnly)");
                continue;
            }

            pairs++;
            var expected = Enum.GetNames(twins[0]);
            var actual = Enum.GetNames(contract);
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                problems.Add($"{name} [{string.Join(", ", actual)}] does not mirror {twins[0].FullName} [{string.Join(", ", expected)}]");
            }
        }

        Assert.Empty(problems);
        Assert.True(pairs >= 30, $"only {pairs} pairs found: is the assembly scan still seeing the enums?");
    }

    [Fact]
    public void The_lists_of_exceptions_name_only_enums_that_exist()
    {
        var names = Contracts.GetTypes().Where(t => t.IsEnum).Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        var unknown = WireOnly.Keys.Concat(Renamed.Keys).Where(n => !names.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, "Not Contracts enums: " + string.Join(", ", unknown));
    }
}
