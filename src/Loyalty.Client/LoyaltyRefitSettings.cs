using System.Text.Json;
using Loyalty.Contracts.Common;
using Refit;

namespace Loyalty.Client;

/// <summary>The Refit settings every Loyalty client uses: the API's wire format (<see cref="WireFormat"/>) and <see cref="LoyaltyApiException"/> errors.</summary>
internal static class LoyaltyRefitSettings
{
    // Unknown response fields are ignored on purpose: a newer server may add fields without breaking this client.
    private static readonly JsonSerializerOptions JsonOptions = WireFormat.CreateOptions();

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
