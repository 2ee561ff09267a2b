using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Offers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>
/// The member clips an offer: from now on their purchases use it. Idempotent: activating again answers the same
/// offer and sends no second offer.activated. An offer the member does not see (control group, not theirs, over) is 404.
/// </summary>
public sealed record ActivateMyOfferCommand(string Subject, Guid OfferId) : ICommand<MemberOfferResponse>, ITransactionalCommand;

public sealed class ActivateMyOfferHandler(ILoyaltyDbContext db, EventOutbox outbox, TimeProvider clock) : ICommandHandler<ActivateMyOfferCommand, MemberOfferResponse>
{
    public async ValueTask<MemberOfferResponse> Handle(ActivateMyOfferCommand command, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        var now = clock.GetUtcNow();
        var found = await (from a in db.OfferAssignments.AsNoTracking()
                           where a.MemberId == member.Id && a.OfferId == command.OfferId && a.Group == OfferGroup.Treatment
                           join o in db.PersonalOffers.AsNoTracking() on a.OfferId equals o.Id
                           where o.Status == OfferStatus.Published && o.StartsAt <= now && o.EndsAt > now
                           select new { Offer = o, Assignment = a })
                          .SingleOrDefaultAsync(cancellationToken)
            ?? throw PersonalOffers.NotFound();
        var activatedAt = found.Assignment.ActivatedAt;
        if (activatedAt is null)
        {
            // Conditional: of two racing activations one sets the time and sends the event, the other reads it back.
            var first = await db.OfferAssignments
                .Where(a => a.OfferId == command.OfferId && a.MemberId == member.Id && a.ActivatedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActivatedAt, now), cancellationToken) == 1;
            if (first)
            {
                outbox.Add(new OfferActivatedV1(member.MemberNumber, found.Offer.Id, now), member.Id, null);
                await db.SaveChangesAsync(cancellationToken);
                activatedAt = now;
            }
            else
            {
                activatedAt = await db.OfferAssignments.Where(a => a.OfferId == command.OfferId && a.MemberId == member.Id).Select(a => a.ActivatedAt).SingleAsync(cancellationToken);
            }
        }

        return MemberOffers.ToResponse(found.Offer, activatedAt, found.Assignment.Uses);
    }
}
