using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
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
        // One round trip: the member's account joined through their subject, with the first expiry date of their
        // lots; a second one only when points do expire, to add up that day's points.
        var balance = await (from m in db.Members.AsNoTracking()
                             join a in db.PointsAccounts.AsNoTracking() on m.Id equals a.MemberId
                             where m.ExternalId == query.Subject
                             select new
                             {
                                 a.MemberId,
                                 a.Available,
                                 a.Pending,
                                 a.Held,
                                 a.LifetimeEarned,
                                 FirstExpiry = db.PointsLots.Where(l => l.MemberId == a.MemberId).Where(ExpiringLots.WillExpire).Min(l => l.ExpiresAt),
                             }).SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.NotEnrolled();
        var next = balance.FirstExpiry is { } first ? await ExpiringLots.OnDayOfAsync(db, balance.MemberId, first, cancellationToken) : null;
        return new PointsBalanceResponse(balance.Available, balance.Pending, balance.Held, balance.LifetimeEarned, clock.GetUtcNow(), next);
    }
}

/// <summary>The member's ledger (and that of members merged into them), newest first, with where each movement happened.</summary>
public sealed record GetMyHistoryQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<PointsHistoryEntry>>;

public sealed class GetMyHistoryHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyHistoryQuery, Page<PointsHistoryEntry>>
{
    public async ValueTask<Page<PointsHistoryEntry>> Handle(GetMyHistoryQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var before = Paging.DecodeLong(query.Cursor);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);

        // Entries of members merged into this one belong to the history too (their ledgers are never rewritten).
        var memberIds = db.Members.Where(m => m.Id == member.Id || m.MergedIntoMemberId == member.Id).Select(m => m.Id);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => memberIds.Contains(e.MemberId));
        if (before is not null)
        {
            entries = entries.Where(e => e.Id < before);
        }

        var rows = await (from e in entries.OrderByDescending(e => e.Id).Take(limit + 1)
                          join p in db.Partners.AsNoTracking() on e.PartnerId equals p.Id into partners
                          from p in partners.DefaultIfEmpty()
                          join s in db.Stores.AsNoTracking() on e.StoreId equals s.Id into stores
                          from s in stores.DefaultIfEmpty()
                          select new { e.Id, e.Type, e.Points, e.Description, e.OccurredAt, e.PurchaseId, PartnerName = p == null ? null : p.Name, StoreName = s == null ? null : s.Name })
                         .ToListAsync(cancellationToken);

        // Earn and bonus entries show the rules they were earned under, from the stored breakdown (one more query, only when needed).
        var purchaseIds = rows.Where(r => r.Type == LedgerEntryType.Earn && r.PurchaseId != null).Select(r => r.PurchaseId!.Value).ToList();
        var bonusIds = rows.Where(r => r.Type == LedgerEntryType.Bonus).Select(r => r.Id).ToList();
        var lines = purchaseIds.Count + bonusIds.Count == 0
            ? []
            : await db.EarnBreakdownLines.AsNoTracking()
                .Where(l => (l.PurchaseId != null && purchaseIds.Contains(l.PurchaseId.Value)) || (l.LedgerEntryId != null && bonusIds.Contains(l.LedgerEntryId.Value)))
                .ToListAsync(cancellationToken);
        var byPurchase = lines.Where(l => l.PurchaseId is not null).ToLookup(l => l.PurchaseId!.Value);
        var byEntry = lines.Where(l => l.LedgerEntryId is not null).ToLookup(l => l.LedgerEntryId!.Value);

        var items = rows.OrderByDescending(r => r.Id)
            .Select(r =>
            {
                var breakdown = r.Type switch
                {
                    LedgerEntryType.Earn when r.PurchaseId is { } purchaseId => byPurchase[purchaseId],
                    LedgerEntryType.Bonus => byEntry[r.Id],
                    _ => null,
                };
                return new PointsHistoryEntry(
                    r.Id, r.Type.ToString(), r.Points, r.Description, r.OccurredAt, r.PartnerName, r.StoreName,
                    breakdown?.Any() != true ? null : EarningEngine.ToResponse(breakdown.OrderBy(l => l.Sequence).Select(l => l.ToEarnLine())));
            })
            .ToList();
        return Paging.ToPage(items, limit, e => e.Id);
    }
}
