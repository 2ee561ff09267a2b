namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>What a receiver gets: the event's type, when it happened, and its data.</summary>
public sealed record WebhookEnvelope(string Type, DateTimeOffset Timestamp, System.Text.Json.JsonElement Data);
