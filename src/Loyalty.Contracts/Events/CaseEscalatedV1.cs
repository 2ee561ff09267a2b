namespace Loyalty.Contracts.Events;

/// <summary>A case breached its service level (no first response in time) and went to the care lead.</summary>
public sealed record CaseEscalatedV1(
    Guid CaseId,
    string Lead,
    string Owner,
    DateTimeOffset ServiceLevelDueAt,
    DateTimeOffset EscalatedAt) : ILoyaltyEvent
{
    public static string EventType => "case.escalated";
}
