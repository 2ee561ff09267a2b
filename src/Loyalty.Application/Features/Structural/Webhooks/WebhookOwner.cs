namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>
/// Who is asking: staff (<see cref="PartnerId"/> null, every subscription) or a partner (only its own). A partner
/// asking for another partner's subscription gets 404, as if it did not exist.
/// </summary>
public sealed record WebhookOwner(string Actor, Guid? PartnerId)
{
    public bool IsStaff => PartnerId is null;
}
