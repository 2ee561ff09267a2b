using System.Net.Http.Headers;
using System.Text.Json;

namespace Loyalty.Client;

/// <summary>
/// Refit exception factory: turns every non-success response into a <see cref="LoyaltyApiException"/>,
/// reading RFC 9457 problem details when the body carries them.
/// </summary>
internal static class ProblemDetailsExceptionFactory
{
    public static async ValueTask<Exception?> CreateAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var status = (int)response.StatusCode;
        var fallbackCode = $"http_{status}";

        if (!IsJson(response.Content.Headers.ContentType))
        {
            return new LoyaltyApiException(status, fallbackCode, response.ReasonPhrase);
        }

        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new LoyaltyApiException(status, fallbackCode, response.ReasonPhrase);
            }

            var code = GetString(root, "code");
            return new LoyaltyApiException(
                status,
                string.IsNullOrEmpty(code) ? fallbackCode : code,
                GetString(root, "title") ?? response.ReasonPhrase,
                GetString(root, "detail"),
                GetErrors(root),
                GetString(root, "traceId"),
                GetString(root, "type"),
                GetString(root, "instance"));
        }
        catch (JsonException)
        {
            return new LoyaltyApiException(status, fallbackCode, response.ReasonPhrase);
        }
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string? GetString(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string[]>? GetErrors(JsonElement problem)
    {
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in errors.EnumerateObject())
        {
            string[] messages = field.Value.ValueKind switch
            {
                JsonValueKind.Array => [.. field.Value.EnumerateArray()
                    .Where(m => m.ValueKind == JsonValueKind.String)
                    .Select(m => m.GetString()!)],
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [],
            };
            result[field.Name] = result.TryGetValue(field.Name, out var existing) ? [.. existing, .. messages] : messages;
        }

        return result;
    }
}
