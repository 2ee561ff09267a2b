using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Loyalty.Api.Tests.Infrastructure;
using Refit;

namespace Loyalty.Client.Tests;

/// <summary>The client has a method for every member and partner operation in the checked-in API documents, and no more.</summary>
public sealed partial class ApiCoverageTests
{
    [Theory]
    [InlineData("member", typeof(IMemberApi))]
    [InlineData("partner", typeof(IPartnerApi))]
    public void Every_operation_in_the_api_document_has_a_client_method(string document, Type api)
    {
        var documented = Operations(document);
        var covered = ClientOperations(api);

        var missing = documented.Except(covered).Order().ToList();
        Assert.True(missing.Count == 0, $"{api.Name} has no method for: {string.Join(", ", missing)}");
        var unknown = covered.Except(documented).Order().ToList();
        Assert.True(unknown.Count == 0, $"{api.Name} calls operations api-specs/{document}.json does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_check_sees_the_client_methods()
    {
        Assert.Contains("POST /api/v1/partner/redemptions/{}/capture", ClientOperations(typeof(IPartnerApi)));
        Assert.Contains("DELETE /api/v1/me/club-events/{}/registration", ClientOperations(typeof(IMemberApi)));
        Assert.Contains("POST /api/v1/partner/redemptions/{}/capture", Operations("partner"));
    }

    private static HashSet<string> Operations(string document)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(Snapshots.RepositoryRoot, "api-specs", $"{document}.json")))!;
        return spec["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => Key(op.Key, path.Key)))
            .ToHashSet();
    }

    private static HashSet<string> ClientOperations(Type api)
    {
        var prefix = api.GetCustomAttribute<PathPrefixAttribute>()?.Prefix ?? "";
        return api.GetMethods()
            .Select(m => m.GetCustomAttribute<HttpMethodAttribute>())
            .OfType<HttpMethodAttribute>()
            .Select(a => Key(a.Method.Method, prefix + a.Path.Split('?')[0]))
            .ToHashSet();
    }

    // Parameter names may differ between the server ({id}) and the client ({redemptionId}).
    private static string Key(string method, string path) =>
        $"{method.ToUpperInvariant()} {Parameter().Replace(path.TrimEnd('/'), "{}")}";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
