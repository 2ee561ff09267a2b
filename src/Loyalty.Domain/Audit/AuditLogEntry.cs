namespace Loyalty.Domain.Audit;

/// <summary>Who did what to which record, with the record's state before and after (JSON), for every admin action.</summary>
public sealed class AuditLogEntry
{
    private AuditLogEntry()
    {
    }

    public long Id { get; private set; }

    public string Actor { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public static AuditLogEntry Record(string actor, string action, string entityType, string entityId, string? before, string? after, DateTimeOffset at) =>
        new() { Actor = actor, Action = action, EntityType = entityType, EntityId = entityId, Before = before, After = after, OccurredAt = at };
}
