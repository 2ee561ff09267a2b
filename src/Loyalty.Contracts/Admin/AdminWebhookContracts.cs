namespace Loyalty.Contracts.Admin;

/// <summary>A subscription made by staff: for one partner's events, or (partnerId missing) for all events.</summary>
public sealed record CreateAdminWebhookRequest(Guid? PartnerId, string Url, IReadOnlyList<string>? EventTypes, string? Description);
