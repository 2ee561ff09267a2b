using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Application.Features.Structural.Outbox;

/// <summary>Adds an event to the current unit of work: it commits with the change it reports, or not at all.</summary>
public sealed class EventOutbox(ILoyaltyDbContext db, TimeProvider clock)
{
    /// <summary>Only the event records of <c>Loyalty.Contracts.Events</c> go out: one published shape per type.</summary>
    public void Add<TEvent>(TEvent data, Guid? memberId, Guid? partnerId)
        where TEvent : class, ILoyaltyEvent =>
        db.OutboxMessages.Add(Message(data, memberId, partnerId));

    /// <summary>As <see cref="Add{TEvent}"/>, without change tracking (<see cref="ILoyaltyDbContext.InsertWithUnitOfWork{T}"/>): for the till's path.</summary>
    public void AddUntracked<TEvent>(TEvent data, Guid? memberId, Guid? partnerId)
        where TEvent : class, ILoyaltyEvent =>
        db.InsertWithUnitOfWork(Message(data, memberId, partnerId));

    private OutboxMessage Message<TEvent>(TEvent data, Guid? memberId, Guid? partnerId)
        where TEvent : class, ILoyaltyEvent =>
        OutboxMessage.Create(TEvent.EventType, memberId, partnerId, LoyaltyEvents.Serialize(data), clock.GetUtcNow());
}
