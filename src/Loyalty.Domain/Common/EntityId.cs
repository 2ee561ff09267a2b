namespace Loyalty.Domain.Common;

/// <summary>Time-ordered identifiers: v7 GUIDs index well and sort roughly by creation.</summary>
public static class EntityId
{
    public static Guid New() => Guid.CreateVersion7();
}
