using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.Partners;
using Mediator;

namespace Loyalty.Application.Features.Structural.Partners;

/// <summary>Sets one partner's request rate; it travels with the partner's cached key, so it applies within seconds.</summary>
public sealed record ChangePartnerRateLimitCommand(string Actor, Guid PartnerId, PartnerRateLimitRequest Request) : ICommand<PartnerResponse>, ITransactionalCommand;

public sealed class ChangePartnerRateLimitValidator : AbstractValidator<ChangePartnerRateLimitCommand>
{
    public ChangePartnerRateLimitValidator() =>
        RuleFor(c => c.Request.PermitsPerSecond).InclusiveBetween(1, Partner.MaxRateLimitPerSecond).When(c => c.Request.PermitsPerSecond is not null);
}

public sealed class ChangePartnerRateLimitHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, ICredentialCache credentials) : ICommandHandler<ChangePartnerRateLimitCommand, PartnerResponse>
{
    public async ValueTask<PartnerResponse> Handle(ChangePartnerRateLimitCommand command, CancellationToken cancellationToken)
    {
        var partner = await PartnerLookup.FindAsync(db, command.PartnerId, cancellationToken);
        var before = partner.ToResponse();
        partner.ChangeRateLimit(command.Request.PermitsPerSecond);
        var after = partner.ToResponse();
        audit.Record(command.Actor, "partner.rate_limit_changed", "partner", partner.Id, before, after);
        generations.Touch(CacheArea.Credentials); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        credentials.Invalidate();
        return after;
    }
}
