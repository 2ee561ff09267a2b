using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>Replaces a draft offer's terms and audience (the whole draft is sent); a published offer is fixed.</summary>
public sealed record UpdatePersonalOfferCommand(string Actor, Guid OfferId, PersonalOfferRequest Request) : ICommand<PersonalOfferResponse>, ITransactionalCommand;

public sealed class UpdatePersonalOfferValidator : AbstractValidator<UpdatePersonalOfferCommand>
{
    public UpdatePersonalOfferValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new PersonalOfferRequestValidator());
}

public sealed class UpdatePersonalOfferHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdatePersonalOfferCommand, PersonalOfferResponse>
{
    public async ValueTask<PersonalOfferResponse> Handle(UpdatePersonalOfferCommand command, CancellationToken cancellationToken)
    {
        var offer = await db.PersonalOffers.SingleOrDefaultAsync(o => o.Id == command.OfferId, cancellationToken) ?? throw PersonalOffers.NotFound();
        var before = await PersonalOffers.ResponseAsync(db, offer, cancellationToken);
        var (terms, members, topics) = await PersonalOffers.ReadAsync(db, command.Request, cancellationToken);
        offer.Revise(terms, clock.GetUtcNow());
        await PersonalOffers.SetTargetsAsync(db, offer.Id, members, cancellationToken);
        await ContentInterestTags.SetAsync(db, NotificationContentKind.Offer, offer.Id, topics, cancellationToken);
        var response = PersonalOffers.ToResponse(offer, members.Count, await ContentInterestTags.CodesOfAsync(db, topics, cancellationToken));
        audit.Record(command.Actor, "offer.updated", "offer", offer.Id, before, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
