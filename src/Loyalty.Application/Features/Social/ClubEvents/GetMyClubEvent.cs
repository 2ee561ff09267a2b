using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>One event as the member sees it; an event not open to their tier (or cancelled, or over) is not found.</summary>
public sealed record GetMyClubEventQuery(string Subject, Guid EventId) : IQuery<ClubEventOfferResponse>;

public sealed class GetMyClubEventHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyClubEventQuery, ClubEventOfferResponse>
{
    public async ValueTask<ClubEventOfferResponse> Handle(GetMyClubEventQuery query, CancellationToken cancellationToken)
    {
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        var clubEvent = await db.ClubEvents.AsNoTracking().Include(e => e.Tiers).SingleOrDefaultAsync(e => e.Id == query.EventId, cancellationToken);
        var now = clock.GetUtcNow();
        bool? mine = clubEvent is null ? null : await db.ClubEventRegistrations.AsNoTracking().AnyAsync(r => r.ClubEventId == clubEvent.Id && r.MemberId == member.Id, cancellationToken);
        // A member who registered keeps seeing the event (e.g. after a tier change); others see only what they may join.
        if (clubEvent is null || (mine != true && (clubEvent.Status != ClubEventStatus.Scheduled || clubEvent.HasEndedAt(now) || !clubEvent.IsOpenTo(tier.Id))))
        {
            throw ClubEvents.NotFound();
        }

        return (await MemberClubEventViews.OffersAsync(db, member, tier.Id, [clubEvent], now, cancellationToken))[0];
    }
}
