namespace Loyalty.Architecture.Tests;

internal static class Repository
{
    /// <summary>The checkout's root: the nearest folder above the test binaries that holds Loyalty.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Loyalty.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Loyalty.sln not found above " + AppContext.BaseDirectory);
    }
}
