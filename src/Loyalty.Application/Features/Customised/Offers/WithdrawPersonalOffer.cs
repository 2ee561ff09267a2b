using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>Stops a published offer early: members no longer see it and purchases no longer use it; what was earned stays.</summary>
public sealed record WithdrawPersonalOfferCommand(string Actor, Guid OfferId) : ICommand<PersonalOfferResponse>, ITransactionalCommand;

public sealed class WithdrawPersonalOfferHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<WithdrawPersonalOfferCommand, PersonalOfferResponse>
{
    public async ValueTask<PersonalOfferResponse> Handle(WithdrawPersonalOfferCommand command, CancellationToken cancellationToken)
    {
        var offer = await db.PersonalOffers.SingleOrDefaultAsync(o => o.Id == command.OfferId, cancellationToken) ?? throw PersonalOffers.NotFound();
        var interests = await ContentInterestTags.CodesAsync(db, NotificationContentKind.Offer, offer.Id, cancellationToken);
        var before = PersonalOffers.ToResponse(offer, offer.TreatmentCount + offer.ControlCount, interests);
        offer.Withdraw(clock.GetUtcNow());
        var response = PersonalOffers.ToResponse(offer, offer.TreatmentCount + offer.ControlCount, interests);
        audit.Record(command.Actor, "offer.withdrawn", "offer", offer.Id, before, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
