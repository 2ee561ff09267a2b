using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Grants;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Grants;

internal static class BulkGrantProgress
{
    public const int MaxFailuresListed = 1_000;

    public static async Task<BulkGrantResponse> LoadAsync(ILoyaltyDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var grant = await db.BulkGrants.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.GrantNotFound, "No bulk grant has this id.");
        var counts = await db.BulkGrantItems.AsNoTracking().Where(i => i.GrantId == id)
            .GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(BulkGrantItemStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var failures = await db.BulkGrantItems.AsNoTracking().Where(i => i.GrantId == id && i.Status == BulkGrantItemStatus.Failed)
            .OrderBy(i => i.Id).Take(MaxFailuresListed + 1)
            .Select(i => new BulkGrantFailure(i.MemberNumber, i.FailureCode ?? "failed")).ToListAsync(cancellationToken);

        var pending = Count(BulkGrantItemStatus.Pending);
        return new BulkGrantResponse(
            grant.Id,
            grant.Reason,
            grant.Points,
            pending > 0 ? BulkGrantStatus.Processing : BulkGrantStatus.Completed,
            counts.Sum(c => c.Count),
            Count(BulkGrantItemStatus.Credited),
            Count(BulkGrantItemStatus.Failed),
            pending,
            failures.Take(MaxFailuresListed).ToList(),
            failures.Count > MaxFailuresListed,
            grant.CreatedBy,
            grant.CreatedAt);
    }
}
