using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Audit;

namespace Loyalty.Application.Features.Audit;

/// <summary>Adds an audit record to the current unit of work, so it commits with the change it describes.</summary>
public sealed class AuditTrail(ILoyaltyDbContext db, TimeProvider clock)
{
    public void Record<TSnapshot>(string actor, string action, string entityType, object entityId, TSnapshot? before, TSnapshot? after)
        where TSnapshot : class =>
        db.AuditLog.Add(AuditLogEntry.Record(
            actor,
            action,
            entityType,
            Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            before is null ? null : Json.Serialize(before),
            after is null ? null : Json.Serialize(after),
            clock.GetUtcNow()));
}
