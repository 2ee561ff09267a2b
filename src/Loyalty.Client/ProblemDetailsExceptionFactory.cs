using System.Net.Http.Headers;
using System.Text.Json;

namespace Loyalty.Client;

/// <summary>
/// Refit exception factory: turns every non-success response into a <see cref="LoyaltyApiException"/> (a typed subclass
/// for the statuses callers branch on), reading RFC 9457 problem details when the body carries them.
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
            return Create(response, status, fallbackCode, response.ReasonPhrase);
        }

        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Create(response, status, fallbackCode, response.ReasonPhrase);
            }

            var code = GetString(root, "code");
            return Create(
                response,
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
            return Create(response, status, fallbackCode, response.ReasonPhrase);
        }
    }

    private static LoyaltyApiException Create(
        HttpResponseMessage response, int status, string code, string? title, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, string? traceId = null, string? type = null, string? instance = null) =>
        status switch
        {
            400 => new LoyaltyValidationException(status, code, title, detail, errors, traceId, type, instance),
            401 => new LoyaltyAuthenticationException(status, code, title, detail, errors, traceId, type, instance),
            403 => new LoyaltyForbiddenException(status, code, title, detail, errors, traceId, type, instance),
            404 => new LoyaltyNotFoundException(status, code, title, detail, errors, traceId, type, instance),
            409 => new LoyaltyConflictException(status, code, title, detail, errors, traceId, type, instance),
            422 => new LoyaltyBusinessRuleException(status, code, title, detail, errors, traceId, type, instance),
            429 => new LoyaltyRateLimitedException(status, code, title, detail, errors, traceId, type, instance, RetryAfter(response)),
            _ => new LoyaltyApiException(status, code, title, detail, errors, traceId, type, instance),
        };

    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset? now = null)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (now ?? response.Headers.Date ?? date);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
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
