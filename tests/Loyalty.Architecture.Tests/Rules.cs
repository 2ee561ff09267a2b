using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Loyalty.Architecture.Tests;

/// <summary>
/// The architecture rules, each a function from what it inspects to the violations it finds, so that the same
/// function runs against the real code and, in <see cref="RuleSelfTests"/>, against samples that break it.
/// </summary>
public static partial class Rules
{
    /// <summary>Types under <paramref name="namespacePrefix"/> in <paramref name="assembly"/> that use any of the forbidden namespaces.</summary>
    public static IReadOnlyList<string> ForbiddenDependencies(Assembly assembly, string namespacePrefix, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).That().ResideInNamespace(namespacePrefix)
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.FailingTypeNames?.Order(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>
    /// Every Mediator command or query must be declared in a file named after it, without the Command/Query suffix
    /// (CreateStoreCommand in CreateStore.cs), beside its validator and handler. <paramref name="knownRequests"/> are the
    /// request types found by reflection; the source scan adds any it declares itself, so neither side can hide one.
    /// </summary>
    public static IReadOnlyList<string> RequestsOutsideTheirOwnFile(string featuresDirectory, IEnumerable<string> knownRequests)
    {
        var declaredIn = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var requests = new SortedSet<string>(knownRequests, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(featuresDirectory, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in TypeDeclaration().Matches(text))
            {
                var name = m.Groups["name"].Value;
                if (!declaredIn.TryGetValue(name, out var files))
                {
                    declaredIn[name] = files = [];
                }

                files.Add(file);
            }

            foreach (Match m in RequestDeclaration().Matches(text))
            {
                requests.Add(m.Groups["name"].Value);
            }
        }

        var violations = new List<string>();
        foreach (var request in requests)
        {
            var expected = RequestFileName(request);
            if (!declaredIn.TryGetValue(request, out var files))
            {
                violations.Add($"{request}: not declared in any file under {featuresDirectory}");
                continue;
            }

            violations.AddRange(files.Where(f => Path.GetFileName(f) != expected)
                .Select(f => $"{request}: declared in {Path.GetFileName(f)}, expected {expected}"));
        }

        return violations;
    }

    public static string RequestFileName(string requestType) => RequestSuffix().Replace(requestType, "") + ".cs";

    /// <summary>C# files under the given directories that hold SQL text or raw-SQL EF calls, as paths relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> FilesWithSql(string root, params string[] directories) =>
        directories
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f) && Sql().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(p => p is "bin" or "obj");

    [GeneratedRegex(@"\b(?:record|class|struct|interface)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    // A base list that names a Mediator request interface; [^{;]* spans a record's parameter list and line breaks.
    [GeneratedRegex(@"\b(?:record|class|struct)\s+(?<name>[A-Za-z_]\w*)[^{;]*?:[^{;]*?\b(?:ICommand|IQuery|IRequest|IStreamCommand|IStreamQuery|IStreamRequest)\b")]
    private static partial Regex RequestDeclaration();

    [GeneratedRegex("(?:Command|Query)$")]
    private static partial Regex RequestSuffix();

    // Upper-case keywords only, so prose such as "update the tier" in comments does not count.
    [GeneratedRegex(@"\bSELECT\s|\bUPDATE\s|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bFromSql|\bExecuteSql")]
    private static partial Regex Sql();
}
