using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

public sealed record GetMyProfileQuery(string Subject) : IQuery<MemberProfileResponse>;

public sealed class GetMyProfileHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyProfileQuery, MemberProfileResponse>
{
    public async ValueTask<MemberProfileResponse> Handle(GetMyProfileQuery query, CancellationToken cancellationToken)
    {
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        return MemberProfiles.From(member, new TierSummary(tier.Id, tier.Name, tier.Rank));
    }
}

public sealed record GetMyBalanceQuery(string Subject) : IQuery<PointsBalanceResponse>;

public sealed class GetMyBalanceHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyBalanceQuery, PointsBalanceResponse>
{
    public async ValueTask<PointsBalanceResponse> Handle(GetMyBalanceQuery query, CancellationToken cancellationToken)
    {
        // One round trip: the member's account joined through their subject.
        var balance = await (from m in db.Members.AsNoTracking()
                             join a in db.PointsAccounts.AsNoTracking() on m.Id equals a.MemberId
                             where m.ExternalId == query.Subject
                             select new { a.MemberId, a.Available, a.Pending, a.LifetimeEarned }).SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.NotEnrolled();
        var next = await ExpiringLots.NextAsync(db, balance.MemberId, cancellationToken);
        return new PointsBalanceResponse(balance.Available, balance.Pending, balance.LifetimeEarned, clock.GetUtcNow(), next);
    }
}

/// <summary>The member's ledger, newest first, with where each movement happened.</summary>
public sealed record GetMyHistoryQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<PointsHistoryEntry>>;

public sealed class GetMyHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyHistoryQuery, Page<PointsHistoryEntry>>
{
    public async ValueTask<Page<PointsHistoryEntry>> Handle(GetMyHistoryQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var before = Paging.DecodeLong(query.Cursor);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);

        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == member.Id);
        if (before is not null)
        {
            entries = entries.Where(e => e.Id < before);
        }

        var rows = await (from e in entries.OrderByDescending(e => e.Id).Take(limit + 1)
                          join p in db.Partners.AsNoTracking() on e.PartnerId equals p.Id into partners
                          from p in partners.DefaultIfEmpty()
                          join s in db.Stores.AsNoTracking() on e.StoreId equals s.Id into stores
                          from s in stores.DefaultIfEmpty()
                          select new { e.Id, e.Type, e.Points, e.Description, e.OccurredAt, PartnerName = p == null ? null : p.Name, StoreName = s == null ? null : s.Name })
                         .ToListAsync(cancellationToken);

        var items = rows.OrderByDescending(r => r.Id)
            .Select(r => new PointsHistoryEntry(r.Id, r.Type.ToString(), r.Points, r.Description, r.OccurredAt, r.PartnerName, r.StoreName))
            .ToList();
        return Paging.ToPage(items, limit, e => e.Id);
    }
}
