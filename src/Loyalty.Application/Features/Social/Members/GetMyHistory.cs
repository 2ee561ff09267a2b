using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

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
                    r.Id, WireValue.Of<PointsEntryType>(r.Type), r.Points, r.Description, r.OccurredAt, r.PartnerName, r.StoreName,
                    breakdown?.Any() != true ? null : EarningEngine.ToResponse(breakdown.OrderBy(l => l.Sequence).Select(l => l.ToEarnLine())));
            })
            .ToList();
        return Paging.ToPage(items, limit, e => e.Id);
    }
}
