using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Loyalty.Infrastructure.Idempotency;

/// <summary>
/// Keeps a stored response that holds a secret shown once (a rotated API key, a webhook signing secret) encrypted
/// with the Data Protection key ring, so a replay can show it again while the idempotency table never holds it in clear.
/// A sealed body is <c>dp1:</c> followed by the protected payload; a JSON body never starts with a letter other
/// than those of true, false and null, so the two cannot be confused.
/// </summary>
public sealed class IdempotentResponseProtector(IDataProtectionProvider provider)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("Loyalty.Idempotency.Response.v1");

    /// <summary>
    /// Makes sure the key ring has a key before a unit of work starts: creating the first key writes to the database,
    /// which on SQLite would wait for the request's own open write transaction.
    /// </summary>
    public void EnsureKey() => _protector.Protect([]);

    public string Seal(string body) => Prefix + _protector.Protect(body);

    /// <summary>The body as sent; false when it was sealed with a key the ring no longer has (it cannot be rebuilt).</summary>
    public bool TryOpen(string? stored, out string? body)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            body = stored;
            return true;
        }

        try
        {
            body = _protector.Unprotect(stored[Prefix.Length..]);
            return true;
        }
        catch (CryptographicException)
        {
            body = null;
            return false;
        }
    }
}
