using System.Text.Json;
using Refit;

namespace Loyalty.Client;

/// <summary>The Refit settings every Loyalty client uses: web JSON and <see cref="LoyaltyApiException"/> errors.</summary>
internal static class LoyaltyRefitSettings
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Returns new settings; each client gets its own, since <see cref="RefitSettings"/> is mutable.</summary>
    public static RefitSettings Create(Func<HttpRequestMessage, CancellationToken, ValueTask<string>>? authorizationHeaderValueGetter = null)
    {
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(JsonOptions));
        settings.Exceptions.ExceptionFactory = ProblemDetailsExceptionFactory.CreateAsync;
        if (authorizationHeaderValueGetter is not null)
        {
            settings.Requests.AuthorizationHeaderValueGetter = authorizationHeaderValueGetter;
        }

        return settings;
    }
}
