using System.Reflection;
using Mediator;

namespace Loyalty.Architecture.Tests;

public sealed class ArchitectureTests
{
    // Loaded by name (the project references them), so no type rename elsewhere breaks these tests.
    private static readonly Assembly Domain = Assembly.Load("Loyalty.Domain");
    private static readonly Assembly Application = Assembly.Load("Loyalty.Application");
    private static readonly Assembly Contracts = Assembly.Load("Loyalty.Contracts");

    internal static readonly string[] OurOtherLayers = ["Loyalty.Application", "Loyalty.Infrastructure", "Loyalty.Api", "Loyalty.Contracts", "Loyalty.Client"];
    internal static readonly string[] Frameworks = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Mediator"];

    [Fact]
    public void Domain_depends_on_no_other_layer_nor_on_EF_ASP_NET_or_Mediator() =>
        Assert.Empty(Rules.ForbiddenDependencies(Domain, "Loyalty.Domain", [.. OurOtherLayers, .. Frameworks]));

    [Fact]
    public void Application_depends_neither_on_Infrastructure_nor_on_Api() =>
        Assert.Empty(Rules.ForbiddenDependencies(Application, "Loyalty.Application", "Loyalty.Infrastructure", "Loyalty.Api", "Microsoft.AspNetCore"));

    [Fact]
    public void Contracts_depend_on_nothing_of_ours() =>
        Assert.Empty(Rules.ForbiddenDependencies(Contracts, "Loyalty.Contracts", "Loyalty.Domain", "Loyalty.Application", "Loyalty.Infrastructure", "Loyalty.Api", "Loyalty.Client"));

    [Fact]
    public void Every_command_and_query_is_declared_in_a_file_named_after_it()
    {
        var requests = Application.GetTypes().Where(IsRequest).Select(t => t.Name).ToList();
        Assert.NotEmpty(requests);
        Assert.Empty(Rules.RequestsOutsideTheirOwnFile(Path.Combine(Repository.Root, "src", "Loyalty.Application", "Features"), requests));
    }

    /// <summary>SQL belongs in Infrastructure, behind a narrow interface declared in Application (e.g. IWebhookBatchLocks, ITierMoves).</summary>
    [Fact]
    public void No_SQL_outside_Infrastructure()
    {
        var found = Rules.FilesWithSql(Repository.Root, "src/Loyalty.Application", "src/Loyalty.Api");
        Assert.True(found.Count == 0, "SQL belongs in Infrastructure, behind an interface declared in Application: " + string.Join(", ", found));
    }

    internal static bool IsRequest(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && (typeof(IBaseCommand).IsAssignableFrom(type) || typeof(IBaseQuery).IsAssignableFrom(type) || typeof(IBaseRequest).IsAssignableFrom(type)
            || typeof(IBaseStreamCommand).IsAssignableFrom(type) || typeof(IBaseStreamQuery).IsAssignableFrom(type) || typeof(IBaseStreamRequest).IsAssignableFrom(type));
}
