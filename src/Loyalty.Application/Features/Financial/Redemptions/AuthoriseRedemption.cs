using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Redemptions;
using Mediator;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>
/// Pay with points, first step: the till authorises and the points are held (taken from the available balance,
/// remembered lot by lot) until it captures or cancels, or the hold lapses. The balance never goes below zero,
/// however many tills race.
/// </summary>
public sealed record AuthoriseRedemptionCommand(Guid PartnerId, RedeemPointsRequest Request) : ICommand<RedemptionResponse>, ITransactionalCommand;

public sealed class AuthoriseRedemptionValidator : AbstractValidator<AuthoriseRedemptionCommand>
{
    public AuthoriseRedemptionValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new RedeemPointsRequestValidator());
}

public sealed class AuthoriseRedemptionHandler(ILoyaltyDbContext db, PointsLedger ledger, PointsPolicyCache policies, TimeProvider clock)
    : ICommandHandler<AuthoriseRedemptionCommand, RedemptionResponse>
{
    public async ValueTask<RedemptionResponse> Handle(AuthoriseRedemptionCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var (store, member) = await RedemptionRules.PartiesAsync(db, command.PartnerId, request, cancellationToken);

        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(db, cancellationToken);
        var reference = string.IsNullOrWhiteSpace(request.Reference) ? null : request.Reference.Trim();
        var redemption = Redemption.Authorise(member.Id, command.PartnerId, store.Id, request.Points, reference, now, TimeSpan.FromMinutes(policy.RedemptionHoldMinutes));
        db.Redemptions.Add(redemption);
        var hold = LedgerEntry.Create(
            member.Id,
            LedgerEntryType.Hold,
            -request.Points,
            $"Held for payment at {store.Name}",
            now,
            new LedgerReferences(PartnerId: command.PartnerId, StoreId: store.Id, RedemptionId: redemption.Id));
        var debit = await ledger.TryDebitAsync(hold, trackAs: redemption.Id, cancellationToken)
            ?? throw RedemptionRules.InsufficientPoints(request.Points);

        return RedemptionResponses.From(redemption, member.MemberNumber, debit.Available, now);
    }
}
