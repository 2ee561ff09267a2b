using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// A hosting partner's till or door scanner checks a registered member in at one of its stores. Another partner's
/// event is not found, so a key cannot learn which events exist elsewhere.
/// </summary>
public sealed record PartnerCheckInCommand(Guid PartnerId, Guid ApiKeyId, Guid EventId, PartnerCheckInRequest Request) : ICommand<ClubEventCheckInResponse>, ITransactionalCommand;

public sealed class PartnerCheckInValidator : AbstractValidator<PartnerCheckInCommand>
{
    public PartnerCheckInValidator()
    {
        RuleFor(c => c.Request).NotNull();
        When(c => c.Request is not null, () =>
        {
            RuleFor(c => c.Request.MemberNumber).NotEmpty();
            RuleFor(c => c.Request.StoreId).NotEmpty();
        });
    }
}

public sealed class PartnerCheckInHandler(ClubEventCheckIn checkIn, ILoyaltyDbContext db) : ICommandHandler<PartnerCheckInCommand, ClubEventCheckInResponse>
{
    public async ValueTask<ClubEventCheckInResponse> Handle(PartnerCheckInCommand command, CancellationToken cancellationToken)
    {
        var hosted = await db.ClubEvents.AsNoTracking().AnyAsync(e => e.Id == command.EventId && e.PartnerId == command.PartnerId, cancellationToken);
        if (!hosted)
        {
            throw ClubEvents.NotFound();
        }

        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, command.Request.StoreId, cancellationToken);
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.AsNoTracking().SingleAsync(e => e.Id == command.EventId, cancellationToken);
        if (clubEvent.PartnerId != command.PartnerId)
        {
            throw ClubEvents.NotFound();
        }

        if (clubEvent.StoreId is { } eventStore && eventStore != store.Id)
        {
            throw new DomainException(ErrorCodes.ClubEventWrongStore, "This event takes place at another of your stores.");
        }

        var member = await MemberLookup.FindByNumberAsync(db, command.Request.MemberNumber, cancellationToken);
        return await checkIn.CheckInAsync(clubEvent, member, new CheckInBy(CheckInChannel.Partner, command.ApiKeyId.ToString(), command.PartnerId, store.Id), cancellationToken);
    }
}
