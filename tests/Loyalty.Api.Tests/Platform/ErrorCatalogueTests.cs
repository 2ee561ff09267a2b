using System.Reflection;
using System.Text.RegularExpressions;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// Every code a problem response can carry is a documented constant of <see cref="ErrorCodes"/>: Application and
/// Api use the constants, Domain (which references nothing) uses only catalogued values, and no constant is unused.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly Dictionary<string, string> Catalogue = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Application_and_api_name_every_code_through_the_catalogue()
    {
        var codes = Catalogue.Values.ToHashSet(StringComparer.Ordinal);
        var offences = Sources("src/Loyalty.Application", "src/Loyalty.Api", "src/Loyalty.Client")
            .SelectMany(f => f.Lines.Select((line, i) => (f.Path, Line: i + 1, Text: line)))
            .Where(l => ThrowSite().Match(l.Text) is { Success: true } || SnakeLiteral().Matches(l.Text).Any(m => codes.Contains(m.Groups[1].Value)))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offences.Count == 0, "Use a Loyalty.Contracts.ErrorCodes constant (add it, with a one-line summary, if it is new):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Domain_codes_are_all_in_the_catalogue()
    {
        var codes = Catalogue.Values.ToHashSet(StringComparer.Ordinal);
        var thrown = Sources("src/Loyalty.Domain").SelectMany(f => DomainCode().Matches(f.Text).Select(m => (f.Path, Code: m.Groups[1].Value))).ToList();
        Assert.NotEmpty(thrown); // the scan finds the domain's codes at all
        var missing = thrown.Where(t => !codes.Contains(t.Code)).Select(t => $"{t.Path}: {t.Code}").ToList();
        Assert.True(missing.Count == 0, "Add these codes to Loyalty.Contracts.ErrorCodes:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_code_is_documented_unique_and_snake_case()
    {
        var source = File.ReadAllLines(Path.Combine(Snapshots.RepositoryRoot, "src/Loyalty.Contracts/ErrorCodes.cs"));
        foreach (var (name, code) in Catalogue)
        {
            var at = Array.FindIndex(source, l => l.Contains($" {name} = \"", StringComparison.Ordinal));
            Assert.True(at > 0 && Regex.IsMatch(source[at - 1], @"^\s*/// <summary>\S.*</summary>$"), $"ErrorCodes.{name} needs a one-line <summary> saying what it means.");
            Assert.Matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", code);
        }

        Assert.Equal(Catalogue.Count, Catalogue.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void No_code_in_the_catalogue_is_unused()
    {
        var used = string.Join("\n", Sources("src/Loyalty.Application", "src/Loyalty.Api", "src/Loyalty.Client").Select(f => f.Text));
        var domain = string.Join("\n", Sources("src/Loyalty.Domain").Select(f => f.Text));
        var unused = Catalogue.Where(c => !Regex.IsMatch(used, $@"\bErrorCodes\.{c.Key}\b") && !domain.Contains($"\"{c.Value}\"", StringComparison.Ordinal)).Select(c => c.Key).ToList();
        Assert.True(unused.Count == 0, "Codes nothing returns (remove them): " + string.Join(", ", unused));
    }

    private static IEnumerable<(string Path, string Text, string[] Lines)> Sources(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Snapshots.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(Snapshots.RepositoryRoot, p), File.ReadAllText(p), File.ReadAllLines(p)));

    // A code literal handed to an error: AppException.NotFound("x", …), new AppException(kind, "x", …), new DomainException("x", …), Problems.Create(status, "x", …).
    [GeneratedRegex(@"(AppException\.\w+\(|new AppException\([^,]+,|DomainException\(|Problems\.Create\([^,]+,)\s*""[a-z_]+""")]
    private static partial Regex ThrowSite();

    [GeneratedRegex(@"(?<![\w$@])""([a-z][a-z0-9]*(?:_[a-z0-9]+)+)""")]
    private static partial Regex SnakeLiteral();

    // In Domain: new DomainException("x", …), a refusal record's code, ReferralReasons constants, and => new("x", …) factories.
    [GeneratedRegex(@"(?:DomainException\(|Refusal\(|=>\s*new\(|SelfReferral = )\s*""([a-z][a-z0-9_]*)""")]
    private static partial Regex DomainCode();
}
