using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Customised.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>
/// Publishes a draft: its audience is materialised with the control group held out (stored per member), and
/// offer.published goes to the outbox, and treated members interested in the offer's topics are notified, all in one transaction.
/// </summary>
public sealed record PublishPersonalOfferCommand(string Actor, Guid OfferId) : ICommand<PersonalOfferResponse>, ITransactionalCommand;

public sealed class PublishPersonalOfferHandler(ILoyaltyDbContext db, IOfferAudience audience, InterestNotifications notifications, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
    : ICommandHandler<PublishPersonalOfferCommand, PersonalOfferResponse>
{
    public async ValueTask<PersonalOfferResponse> Handle(PublishPersonalOfferCommand command, CancellationToken cancellationToken)
    {
        var offer = await db.PersonalOffers.SingleOrDefaultAsync(o => o.Id == command.OfferId, cancellationToken) ?? throw PersonalOffers.NotFound();
        var now = clock.GetUtcNow();
        var before = await PersonalOffers.ResponseAsync(db, offer, cancellationToken);
        offer.EnsurePublishable(now); // before any row is written
        var size = await audience.MaterialiseAsync(offer.Id, offer.SegmentId, offer.ControlShare, now, cancellationToken);
        offer.Publish(size.Treatment, size.Control, now);
        outbox.Add(
            new OfferPublishedV1(
                offer.Id, offer.Name, WireValue.Of<Contracts.Common.OfferBenefitKind>(offer.BenefitKind), offer.StartsAt, offer.EndsAt, offer.RequiresActivation, size.Treatment, size.Control, now),
            null,
            null);
        await notifications.PublishedAsync(NotificationContentKind.Offer, offer.Id, offer.Name, now, cancellationToken);
        var response = PersonalOffers.ToResponse(offer, size.Treatment + size.Control, before.Interests);
        audit.Record(command.Actor, "offer.published", "offer", offer.Id, before, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
