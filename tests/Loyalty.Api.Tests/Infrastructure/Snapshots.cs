namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// Checked-in files that must match what the code produces (OpenAPI documents, SQL scripts). Run the tests with
/// LOYALTY_UPDATE_SNAPSHOTS=1 to rewrite them, then review the diff and commit it.
/// </summary>
public static class Snapshots
{
    public static bool Updating => Environment.GetEnvironmentVariable("LOYALTY_UPDATE_SNAPSHOTS") == "1";

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Loyalty.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Loyalty.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static void AssertMatches(string relativePath, string actual)
    {
        var path = Path.Combine(RepositoryRoot, relativePath);
        actual = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{relativePath} is missing: run the tests with LOYALTY_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(expected == actual, $"{relativePath} is out of date with the code: run the tests with LOYALTY_UPDATE_SNAPSHOTS=1, review the diff and commit it.");
    }
}
