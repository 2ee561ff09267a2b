using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>The member row itself: personal details, status, tier, and the merges it took part in.</summary>
public sealed class ProfileDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "profile";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var found = await (from member in db.Members.AsNoTracking()
                           join t in db.Tiers.AsNoTracking() on member.TierId equals t.Id
                           where member.Id == memberId
                           select new { Member = member, TierName = t.Name }).SingleAsync(cancellationToken);
        var m = found.Member;
        var mergedIn = await db.Members.AsNoTracking().Where(d => d.MergedIntoMemberId == memberId).Select(d => new { d.Id, d.MemberNumber, d.StatusChangedAt }).ToListAsync(cancellationToken);
        return new
        {
            m.Id,
            m.MemberNumber,
            m.FirstName,
            m.LastName,
            m.Email,
            m.Phone,
            m.BirthDate,
            appLogin = m.ExternalId,
            status = m.Status,
            m.StatusChangedAt,
            tier = found.TierName,
            enrolmentChannel = m.EnrolmentChannel,
            m.EnrolledAtPartnerId,
            m.EnrolledAtStoreId,
            m.EnrolledAt,
            m.MergedIntoMemberId,
            membersMergedIn = mergedIn,
            m.ErasedAt,
        };
    }

    // The member row is anonymised by the erasure itself (Member.Erase), with the status rules around it.
    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Balances, every ledger entry and every lot. Nothing personal: amounts, dates, ids stay through erasure.</summary>
public sealed class PointsDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "points";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var account = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == memberId)
            .Select(a => new { a.Available, a.Pending, a.Held, a.LifetimeEarned, a.UpdatedAt }).SingleAsync(cancellationToken);
        var ledger = (await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.Id).ToListAsync(cancellationToken))
            .Select(e => new { e.Id, type = e.Type, e.Points, e.PendingPoints, e.Description, e.OccurredAt, e.PartnerId, e.StoreId, e.PurchaseId, e.RedemptionId, e.ReferenceId });
        var lots = await db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.Points, l.Remaining, l.EarnedAt, l.ExpiresAt, l.IsPending, l.PendingUntil, l.PurchaseId }).ToListAsync(cancellationToken);
        return new { account, ledger, lots };
    }

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Purchases with how their points were earned, and returns.</summary>
public sealed class PurchasesDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "purchases";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.MemberId == memberId).OrderBy(p => p.RecordedAt).ToListAsync(cancellationToken);
        var ids = purchases.Select(p => p.Id).ToList();
        var lines = (await db.EarnBreakdownLines.AsNoTracking().Where(l => l.PurchaseId != null && ids.Contains(l.PurchaseId.Value)).ToListAsync(cancellationToken))
            .ToLookup(l => l.PurchaseId!.Value);
        var basket = (await db.PurchaseLines.AsNoTracking().Where(l => l.MemberId == memberId).ToListAsync(cancellationToken)).ToLookup(l => l.PurchaseId);
        var returns = await db.PurchaseReturns.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return new
        {
            purchases = purchases.Select(p => new
            {
                p.Id,
                p.PartnerId,
                p.StoreId,
                receipt = p.ExternalId,
                p.Amount,
                p.Currency,
                p.PurchasedAt,
                p.RecordedAt,
                p.PointsEarned,
                p.ReturnedAmount,
                p.PointsReversed,
                p.PointsWrittenOff,
                breakdown = lines[p.Id].OrderBy(l => l.Sequence).Select(l => new { l.Kind, l.RuleId, l.RuleVersion, l.CampaignId, l.Description, l.Points }),
                lines = basket[p.Id].OrderBy(l => l.Sequence).Select(l => new { l.Sku, l.Category, l.Quantity, l.Amount }),
            }),
            returns = returns.Select(r => new
            {
                r.Id,
                r.PurchaseId,
                r.PartnerId,
                r.ReturnId,
                r.Amount,
                r.PendingPointsReversed,
                r.AvailablePointsReversed,
                r.PointsWrittenOff,
                policy = r.Policy,
                r.Reason,
                r.CreatedAt,
            }),
        };
    }

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Payments with points at tills.</summary>
public sealed class RedemptionsDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "redemptions";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken) =>
        (await db.Redemptions.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken))
            .Select(r => new { r.Id, r.PartnerId, r.StoreId, r.Points, r.CapturedPoints, r.Reference, status = r.Status, r.CreatedAt, r.ExpiresAt, r.CompletedAt })
            .ToList();

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public sealed class VouchersDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "vouchers";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken) =>
        await db.Vouchers.AsNoTracking().Where(v => v.MemberId == memberId).OrderBy(v => v.IssuedAt)
            .Select(v => new { v.Id, v.Code, v.RewardId, v.RewardName, v.PointsSpent, v.IssuedAt, v.ExpiresAt, v.UsedAt, v.UsedByPartnerId, v.UsedAtStoreId, v.UseReference })
            .ToListAsync(cancellationToken);

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Transfers sent and received; the counterpart by member number only (their name is their data, not this member's).</summary>
public sealed class TransfersDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "transfers";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken) =>
        await (from t in db.PointsTransfers.AsNoTracking()
               where t.FromMemberId == memberId || t.ToMemberId == memberId
               join other in db.Members.AsNoTracking() on (t.FromMemberId == memberId ? t.ToMemberId : t.FromMemberId) equals other.Id
               orderby t.CreatedAt
               select new
               {
                   t.Id,
                   direction = t.FromMemberId == memberId ? "outgoing" : "incoming",
                   counterpartMemberNumber = other.MemberNumber,
                   t.Points,
                   t.Message,
                   status = t.Status,
                   t.CreatedAt,
                   t.CompletedAt,
               }).ToListAsync(cancellationToken);

    // Messages are free text that may name people: gone on both sides of the member's transfers.
    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) =>
        await db.PointsTransfers.Where(t => (t.FromMemberId == memberId || t.ToMemberId == memberId) && t.Message != null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Message, (string?)null), cancellationToken);
}

/// <summary>What staff did to the member, from the audit log.</summary>
public sealed class AuditDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "audit";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var id = memberId.ToString();
        return await db.AuditLog.AsNoTracking().Where(a => a.EntityType == "member" && a.EntityId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Action, a.Before, a.After, a.OccurredAt })
            .ToListAsync(cancellationToken);
    }

    // Lifecycle records hold statuses, points and staff's reasons, never the member's personal details.
    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
