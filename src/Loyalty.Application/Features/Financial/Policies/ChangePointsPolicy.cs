using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Policies;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Policies;

/// <summary>Replaces the points policy. New lots follow it; lots already earned keep their expiry dates.</summary>
public sealed record ChangePointsPolicyCommand(string Actor, PointsPolicyRequest Request) : ICommand<PointsPolicyResponse>, ITransactionalCommand;

public sealed class ChangePointsPolicyValidator : AbstractValidator<ChangePointsPolicyCommand>
{
    public ChangePointsPolicyValidator()
    {
        RuleFor(c => c.Request.Expiry).NotNull();
        RuleFor(c => c.Request.Expiry.Kind).IsInEnum().When(c => c.Request.Expiry is not null);
        RuleFor(c => c.Request.Expiry.Unit).IsInEnum().When(c => c.Request.Expiry is not null);
        RuleFor(c => c.Request.Expiry.Rounding).IsInEnum().When(c => c.Request.Expiry is not null);
        RuleFor(c => c.Request.ReturnPolicy).IsInEnum();
        RuleFor(c => c.Request.ExpiryNoticeDays).InclusiveBetween(0, 365);
        RuleFor(c => c.Request.PendingDays).InclusiveBetween(0, 365);
        RuleFor(c => c.Request.PointValue).GreaterThan(0).LessThanOrEqualTo(1000m).PrecisionScale(18, 6, ignoreTrailingZeros: true);
        RuleFor(c => c.Request.PointValueCurrency).Must(Domain.Common.Money.IsCurrencyCode).WithMessage("pointValueCurrency must be an ISO 4217 code such as EUR.");
        RuleFor(c => c.Request.RedemptionHoldMinutes).InclusiveBetween(1, 7 * 24 * 60);
        RuleFor(c => c.Request.TransferMaxPoints).InclusiveBetween(0, 100_000_000);
        RuleFor(c => c.Request.TransferMaxPointsPerMonth).InclusiveBetween(0, 1_000_000_000);
        RuleFor(c => c.Request.PointsOnClose).IsInEnum();
    }
}

public sealed class ChangePointsPolicyHandler(ILoyaltyDbContext db, ICacheGenerations generations, PointsPolicyCache cache, AuditTrail audit, TimeProvider clock) : ICommandHandler<ChangePointsPolicyCommand, PointsPolicyResponse>
{
    public async ValueTask<PointsPolicyResponse> Handle(ChangePointsPolicyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var policy = await db.PointsPolicies.SingleOrDefaultAsync(p => p.Id == PointsPolicy.SingletonId, cancellationToken);
        var before = policy is null ? null : PointsPolicyMapping.ToResponse(policy);
        if (policy is null)
        {
            policy = PointsPolicy.Default(now);
            db.PointsPolicies.Add(policy);
        }

        policy.Change(PointsPolicyMapping.ToValues(command.Request), now);
        var after = PointsPolicyMapping.ToResponse(policy);
        audit.Record(command.Actor, "points_policy.changed", "points_policy", PointsPolicy.SingletonId, before, after);
        generations.Touch(CacheArea.PointsPolicy); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}
