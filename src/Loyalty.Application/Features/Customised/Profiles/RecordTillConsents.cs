using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Customised.Profiles;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// The customer says yes (or no) to e-mails, SMS or the like at the till; the change is recorded with source till and
/// the partner as actor. Nothing of the profile goes back.
/// </summary>
public sealed record RecordTillConsentsCommand(Guid PartnerId, string MemberNumber, RecordTillConsentsRequest Request) : ICommand<Unit>, ITransactionalCommand;

public sealed class RecordTillConsentsValidator : AbstractValidator<RecordTillConsentsCommand>
{
    public RecordTillConsentsValidator()
    {
        RuleFor(c => c.Request.Consents).NotEmpty();
        RuleFor(c => c.Request.Consents).SetValidator(new ConsentListValidator<TillConsentChange>(c => (c.Purpose, c.Channel))).When(c => c.Request.Consents is not null);
    }
}

public sealed class RecordTillConsentsHandler(ILoyaltyDbContext db, ConsentBook consents) : ICommandHandler<RecordTillConsentsCommand, Unit>
{
    public async ValueTask<Unit> Handle(RecordTillConsentsCommand command, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindByNumberAsync(db, command.MemberNumber, cancellationToken);
        member.EnsureCanTransact();
        await consents.ApplyAsync(member.Id, command.Request.Consents.Select(c => (c.Purpose, c.Channel, c.Granted)), ConsentSource.Till, $"partner:{command.PartnerId}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
