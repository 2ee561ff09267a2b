using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Mediator;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>
/// Would this authorisation succeed, and what would remain? The same checks as <see cref="AuthoriseRedemptionCommand"/>
/// (<see cref="RedemptionRules"/>), answered instead of thrown; nothing is held or written, so no Idempotency-Key.
/// </summary>
public sealed record QuoteRedemptionQuery(Guid PartnerId, RedeemPointsRequest Request) : IQuery<RedemptionQuoteResponse>;

public sealed class QuoteRedemptionValidator : AbstractValidator<QuoteRedemptionQuery>
{
    public QuoteRedemptionValidator() => RuleFor(q => q.Request).NotNull().SetValidator(new RedeemPointsRequestValidator());
}

public sealed class QuoteRedemptionHandler(ILoyaltyDbContext db, PointsLedger ledger) : IQueryHandler<QuoteRedemptionQuery, RedemptionQuoteResponse>
{
    public async ValueTask<RedemptionQuoteResponse> Handle(QuoteRedemptionQuery query, CancellationToken cancellationToken)
    {
        var points = query.Request.Points;
        try
        {
            var (_, member) = await RedemptionRules.PartiesAsync(db, query.PartnerId, query.Request, cancellationToken);
            var available = await ledger.AvailableAsync(member.Id, cancellationToken);
            return RedemptionRules.Covers(available, points)
                ? new RedemptionQuoteResponse(true, points, available, available - points, null, null)
                : Refused(RedemptionRules.InsufficientPoints(points), available);
        }
        catch (AppException e)
        {
            return new RedemptionQuoteResponse(false, points, null, null, e.Code, e.Message);
        }
        catch (DomainException e)
        {
            return Refused(e, null);
        }

        RedemptionQuoteResponse Refused(DomainException e, long? available) => new(false, points, available, null, e.Code, e.Message);
    }
}
