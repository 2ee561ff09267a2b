using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Offers;
using Mediator;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>Marketing drafts a personal offer for named members; nobody sees it until it is published.</summary>
public sealed record CreatePersonalOfferCommand(string Actor, PersonalOfferRequest Request) : ICommand<PersonalOfferResponse>, ITransactionalCommand;

public sealed class CreatePersonalOfferValidator : AbstractValidator<CreatePersonalOfferCommand>
{
    public CreatePersonalOfferValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new PersonalOfferRequestValidator());
}

public sealed class CreatePersonalOfferHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreatePersonalOfferCommand, PersonalOfferResponse>
{
    public async ValueTask<PersonalOfferResponse> Handle(CreatePersonalOfferCommand command, CancellationToken cancellationToken)
    {
        var (terms, members, topics) = await PersonalOffers.ReadAsync(db, command.Request, cancellationToken);
        var offer = PersonalOffer.Create(terms, clock.GetUtcNow());
        db.PersonalOffers.Add(offer);
        db.OfferTargets.AddRange(members.Select(m => OfferTarget.For(offer.Id, m)));
        await ContentInterestTags.SetAsync(db, NotificationContentKind.Offer, offer.Id, topics, cancellationToken);
        var response = PersonalOffers.ToResponse(offer, members.Count, await ContentInterestTags.CodesOfAsync(db, topics, cancellationToken));
        audit.Record<PersonalOfferResponse>(command.Actor, "offer.created", "offer", offer.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
