using System.Xml.Linq;
using Loyalty.Api.Tests.Infrastructure;

namespace Loyalty.Api.Tests.Platform;

/// <summary>The licence is stated in the three places a user looks: the file, the README and every package's metadata.</summary>
public sealed class LicenceTests
{
    [Fact]
    public void The_MIT_licence_is_in_the_repository_the_readme_and_the_package_metadata()
    {
        var root = Snapshots.RepositoryRoot;
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(root, "LICENSE")), StringComparison.Ordinal);
        Assert.Contains("[LICENSE](LICENSE)", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
        var expression = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("PackageLicenseExpression").Single().Value;
        Assert.Equal("MIT", expression);
    }
}
