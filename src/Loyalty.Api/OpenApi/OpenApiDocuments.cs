namespace Loyalty.Api;

/// <summary>The three audiences, each with its own OpenAPI document.</summary>
public static class OpenApiDocuments
{
    public const string Member = "member";
    public const string Partner = "partner";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Member, Partner, Admin];
}
