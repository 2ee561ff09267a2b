using System.Reflection;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Client;
using Loyalty.Contracts.Common;
using PublicApiGenerator;

namespace Loyalty.Client.Tests.PublicApi;

/// <summary>
/// The SDK's public surface (the client and the contracts it ships) is approved in a snapshot, so a change to it —
/// breaking or not — shows up in review as a diff of this folder's *.approved.txt files.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => ["Loyalty.Client", "Loyalty.Contracts"];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_public_surface_matches_the_approved_snapshot(string assemblyName)
    {
        var assembly = new[] { typeof(LoyaltyApiException).Assembly, typeof(WireFormat).Assembly }.Single(a => a.GetName().Name == assemblyName);
        var actual = Surface(assembly);
        var relative = $"tests/Loyalty.Client.Tests/PublicApi/{assemblyName}.approved.txt";
        var path = Path.Combine(Snapshots.RepositoryRoot, relative);
        if (Snapshots.Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        var approved = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(
            approved == actual,
            $"The public API of {assemblyName} changed. If that is intended, accept it with LOYALTY_UPDATE_SNAPSHOTS=1 dotnet test --filter PublicApiTests, "
            + $"review the diff of {relative} and commit it (a removal or change is a breaking change for SDK users).\n{Diff(approved, actual)}");
    }

    [Fact]
    public void The_diff_names_added_and_removed_members()
    {
        var diff = Diff("a\nb\nc\n", "a\nc\nd\n");
        Assert.Equal("- b\n+ d", diff);
    }

    private static string Surface(Assembly assembly) =>
        assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n").TrimEnd() + "\n";

    // Declarations are one per line and ordered, so lines removed and lines added are the review that matters.
    private static string Diff(string approved, string actual)
    {
        var before = approved.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        var after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        var removed = before.Except(after).Where(IsDeclaration).Select(l => "- " + l);
        var added = after.Except(before).Where(IsDeclaration).Select(l => "+ " + l);
        return string.Join('\n', removed.Concat(added));
    }

    private static bool IsDeclaration(string line) => line is not ("{" or "}");
}
