namespace Loyalty.Client;

/// <summary>Authenticates partner API calls by adding the partner's <c>X-Api-Key</c> header to every request.</summary>
public sealed class ApiKeyHandler : DelegatingHandler
{
    /// <summary>Name of the header the partner API reads the key from.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly string _apiKey;

    /// <summary>Creates the handler for one partner key.</summary>
    /// <param name="apiKey">The partner's API key.</param>
    public ApiKeyHandler(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _apiKey = apiKey;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(HeaderName);
        request.Headers.Add(HeaderName, _apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
