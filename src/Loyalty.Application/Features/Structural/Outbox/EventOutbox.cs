using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Application.Features.Structural.Outbox;

/// <summary>Adds an event to the current unit of work: it commits with the change it reports, or not at all.</summary>
public sealed class EventOutbox(ILoyaltyDbContext db, TimeProvider clock)
{
    public void Add<TPayload>(string type, Guid? memberId, Guid? partnerId, TPayload payload)
        where TPayload : class =>
        db.OutboxMessages.Add(OutboxMessage.Create(type, memberId, partnerId, Json.Serialize(payload), clock.GetUtcNow()));
}
