namespace Loyalty.Application.Abstractions;

/// <summary>
/// Partner credentials are cached briefly by the host so the till path does not read them on every call. Use cases
/// that revoke a key or suspend a partner clear it, so the change is enforced at once on this instance (and within
/// a second on the others, through <see cref="ICacheGenerations"/>).
/// </summary>
public interface ICredentialCache
{
    void Invalidate();
}
