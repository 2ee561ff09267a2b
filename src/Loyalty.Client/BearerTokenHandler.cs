using System.Net.Http.Headers;

namespace Loyalty.Client;

/// <summary>
/// Authenticates member API calls with <c>Authorization: Bearer</c>. The token is asked for on every request,
/// so the app's provider can cache it and refresh it when it expires.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly Func<CancellationToken, ValueTask<string>> _accessTokenProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="accessTokenProvider">Returns the current access token; an empty token sends no Authorization header.</param>
    public BearerTokenHandler(Func<CancellationToken, ValueTask<string>> accessTokenProvider)
    {
        ArgumentNullException.ThrowIfNull(accessTokenProvider);
        _accessTokenProvider = accessTokenProvider;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await _accessTokenProvider(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
