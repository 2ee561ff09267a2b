using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The tier ladder for the app: every current tier, what it takes and gives, and which one is the member's.</summary>
public sealed record GetMyTierLadderQuery(string Subject) : IQuery<TierLadderResponse>;

public sealed class GetMyTierLadderHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyTierLadderQuery, TierLadderResponse>
{
    public async ValueTask<TierLadderResponse> Handle(GetMyTierLadderQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken);
        var settings = (await db.TierProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == TierProgramme.SingletonId, cancellationToken))?.Settings
            ?? TierProgrammeSettings.Default;
        return new TierLadderResponse(
            member.TierId,
            WireValue.Of<Contracts.Common.QualificationWindowKind>(settings.WindowKind),
            settings.WindowMonths,
            settings.SpendCurrency,
            [.. tiers.Select(t => new TierRung(
                t.Id,
                t.Name,
                t.Rank,
                t.Id == member.TierId,
                t.IsEntry ? null : Requirement(t.Qualify),
                t.IsEntry ? null : Requirement(t.Retain),
                new TierPerks(t.EarnMultiplier, t.RewardDiscountPercent, t.SupportResponseHours, t.Perks)))]);
    }

    private static TierRequirement Requirement(TierThresholds t) => new(t.PointsEarned, t.Spend, t.Visits);
}
