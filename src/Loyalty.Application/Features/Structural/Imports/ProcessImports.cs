using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>
/// The background work of imports: claims a queued (or abandoned) import with a lease and earns its rows in chunks,
/// each row exactly like a live purchase (RecordPurchaseCommand in its own unit of work). Progress is saved per chunk,
/// so an interrupted import resumes at its first unsettled row. Returns how many rows were settled.
/// </summary>
/// <remarks>
/// With <paramref name="Parallelism"/> above 1 a chunk's rows run side by side, a member's rows always one after another
/// in file order (their earning caps and tiers depend on each other). Keep 1 on SQLite (one writer at a time).
/// </remarks>
public sealed record ProcessImportsCommand(int MaxRows = 20_000, int Parallelism = 1) : ICommand<int>;

public sealed class ProcessImportsHandler(ILoyaltyDbContext db, IServiceScopeFactory scopes, TimeProvider clock) : ICommandHandler<ProcessImportsCommand, int>
{
    public const int ChunkSize = 500;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>An offline sale older than this is not earned any more.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    public async ValueTask<int> Handle(ProcessImportsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.Imports.AsNoTracking()
            .Where(i => (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running) && (i.ClaimedUntil == null || i.ClaimedUntil < now))
            .OrderBy(i => i.CreatedAt).Select(i => new { i.Id, i.PartnerId }).Take(10).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var candidate in candidates)
        {
            if (handled >= command.MaxRows)
            {
                break;
            }

            // A conditional update is the claim: of two job instances only one sees a row changed.
            var leaseUntil = now + Lease;
            var claimed = await db.Imports
                .Where(i => i.Id == candidate.Id && (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running) && (i.ClaimedUntil == null || i.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ClaimedUntil, leaseUntil), cancellationToken);
            if (claimed == 1)
            {
                handled += await ProcessAsync(candidate.Id, candidate.PartnerId, command.MaxRows - handled, Math.Max(1, command.Parallelism), cancellationToken);
            }
        }

        return handled;
    }

    private async Task<int> ProcessAsync(Guid importId, Guid partnerId, int budget, int parallelism, CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var import = await db.Imports.SingleAsync(i => i.Id == importId, cancellationToken);
            var rows = await db.ImportRows.Where(r => r.ImportId == importId && r.Outcome == ImportRowOutcome.Pending)
                .OrderBy(r => r.RowNumber).Take(Math.Max(0, Math.Min(ChunkSize, budget - handled))).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            if (rows.Count == 0 || handled >= budget)
            {
                if (handled < budget)
                {
                    import.Complete(now);
                }
                else
                {
                    import.Release(); // out of budget, not crashed: the next run (here or elsewhere) goes on at once
                }

                await db.SaveChangesAsync(cancellationToken);
                return handled;
            }

            import.Start(now, now + Lease);
            await Parallel.ForEachAsync(
                rows.GroupBy(r => r.MemberNumber),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (member, ct) =>
                {
                    foreach (var row in member)
                    {
                        await SettleAsync(partnerId, row, ct); // each row in its own scope: the shared context is not touched here
                    }
                });
            foreach (var row in rows)
            {
                import.Count(row.Outcome, row.Points);
            }

            await db.SaveChangesAsync(cancellationToken);
            handled += rows.Count;
        }
    }

    private async Task SettleAsync(Guid partnerId, ImportRow row, CancellationToken cancellationToken)
    {
        if (row.PurchasedAt < clock.GetUtcNow() - MaxAge)
        {
            row.Settle(ImportRowOutcome.Rejected, 0, "purchase_too_old", $"purchasedAt is more than {MaxAge.TotalDays:0} days ago; such sales are not earned any more.");
            return;
        }

        var request = new RecordPurchaseRequest(row.MemberNumber, row.StoreId, row.ExternalId, row.Amount, row.Currency, row.PurchasedAt);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var purchase = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordPurchaseCommand(partnerId, request), cancellationToken);
                row.Settle(ImportRowOutcome.Earned, purchase.PointsEarned, null, null);
                return;
            }
            catch (ValidationException e)
            {
                row.Settle(ImportRowOutcome.Rejected, 0, "validation_failed", string.Join(" ", e.Errors.Select(f => f.ErrorMessage)));
                return;
            }
            catch (AppException e) when (e.Code == "duplicate_transaction")
            {
                row.Settle(ImportRowOutcome.Duplicate, 0, e.Code, e.Message);
                return;
            }
            catch (AppException e)
            {
                row.Settle(ImportRowOutcome.Rejected, 0, e.Code, e.Message);
                return;
            }
            catch (DomainException e)
            {
                row.Settle(ImportRowOutcome.Rejected, 0, e.Code, e.Message);
                return;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Most likely the same receipt recorded live at this very moment: the retry sees it as a duplicate.
            }
        }
    }
}
