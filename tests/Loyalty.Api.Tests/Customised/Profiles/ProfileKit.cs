using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;

namespace Loyalty.Api.Tests.Customised.Profiles;

public static class ProfileKit
{
    public const string MyProfile = "/api/v1/me/profile";

    public static string StaffProfile(Guid memberId) => $"/api/v1/admin/members/{memberId}/profile";

    public static async Task<InterestTopicResponse> TopicAsync(this Scenario s, string name)
    {
        var code = name.ToLowerInvariant() + "-" + Unique.Id();
        return await s.Admin.PostJsonAsync<InterestTopicResponse>("/api/v1/admin/interest-topics", new CreateInterestTopicRequest(code, name));
    }

    public static async Task<ProfileAttributeResponse> AttributeAsync(this Scenario s, AttributeType type, bool memberEditable, params string[] choices) =>
        await s.Admin.PostJsonAsync<ProfileAttributeResponse>(
            "/api/v1/admin/profile-attributes",
            new CreateProfileAttributeRequest($"attr-{Unique.Id()}", $"Attribute {type}", type, choices.Length == 0 ? null : choices, memberEditable));

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, object body, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Patch, url, body, idempotencyKey);

    public static async Task<T> PatchJsonAsync<T>(this HttpClient client, string url, object body)
    {
        using var response = await client.PatchAsync(url, body);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(HttpTestExtensions.Json))!;
    }

    public static async Task<T> PutJsonAsync<T>(this HttpClient client, string url, object body, bool idempotent = false)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Put, url, body, idempotent ? Guid.NewGuid().ToString() : null);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(HttpTestExtensions.Json))!;
    }

    public static ConsentUpdate Consent(ConsentPurpose purpose, ContactChannel channel, bool granted) => new(purpose, channel, granted);

    public static bool IsGranted(this IReadOnlyList<ConsentState> consents, ConsentPurpose purpose, ContactChannel channel) =>
        consents.Single(c => c.Purpose == purpose && c.Channel == channel).Granted;
}
