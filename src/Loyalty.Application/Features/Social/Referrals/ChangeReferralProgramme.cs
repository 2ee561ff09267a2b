using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>Replaces the referral programme's settings. Decided referrals keep their points; pending ones follow the new settings.</summary>
public sealed record ChangeReferralProgrammeCommand(string Actor, ReferralProgrammeRequest Request) : ICommand<ReferralProgrammeResponse>, ITransactionalCommand;

public sealed class ChangeReferralProgrammeValidator : AbstractValidator<ChangeReferralProgrammeCommand>
{
    public ChangeReferralProgrammeValidator()
    {
        RuleFor(c => c.Request.ReferrerPoints).InclusiveBetween(0, 1_000_000);
        RuleFor(c => c.Request.RefereePoints).InclusiveBetween(0, 1_000_000);
        RuleFor(c => c.Request.MinimumPurchaseAmount).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true);
        RuleFor(c => c.Request.Currency).Must(Money.IsCurrencyCode).WithMessage("currency must be an ISO 4217 code such as EUR.");
        RuleFor(c => c.Request.MaxRewardsPerMonth).InclusiveBetween(1, 1000);
        RuleFor(c => c.Request.MaxRewardsPerYear).InclusiveBetween(1, 10_000)
            .GreaterThanOrEqualTo(c => c.Request.MaxRewardsPerMonth).WithMessage("maxRewardsPerYear cannot be lower than maxRewardsPerMonth.");
        RuleFor(c => c.Request.WindowDays).InclusiveBetween(1, ReferralProgramme.MaxWindowDays);
    }
}

public sealed class ChangeReferralProgrammeHandler(ILoyaltyDbContext db, ICacheGenerations generations, ReferralProgrammeCache cache, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ChangeReferralProgrammeCommand, ReferralProgrammeResponse>
{
    public async ValueTask<ReferralProgrammeResponse> Handle(ChangeReferralProgrammeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var programme = await db.ReferralProgrammes.SingleOrDefaultAsync(p => p.Id == ReferralProgramme.SingletonId, cancellationToken);
        var before = programme is null ? null : ReferralProgrammeMapping.ToResponse(programme);
        if (programme is null)
        {
            programme = ReferralProgramme.Default(now);
            db.ReferralProgrammes.Add(programme);
        }

        var r = command.Request;
        programme.Change(new ReferralProgrammeValues(r.Enabled, r.ReferrerPoints, r.RefereePoints, r.MinimumPurchaseAmount, r.Currency, r.MaxRewardsPerMonth, r.MaxRewardsPerYear, r.WindowDays), now);
        var after = ReferralProgrammeMapping.ToResponse(programme);
        audit.Record(command.Actor, "referral_programme.changed", "referral_programme", ReferralProgramme.SingletonId, before, after);
        generations.Touch(CacheArea.ReferralProgramme); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}
