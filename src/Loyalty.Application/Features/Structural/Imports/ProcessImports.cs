using System.Collections.Concurrent;
using System.Data.Common;
using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ImportStatus = Loyalty.Domain.Structural.Imports.ImportStatus;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>
/// The background work of imports: claims a queued (or abandoned) import with a lease and earns its rows in chunks.
/// A chunk's ordinary rows earn together in one transaction (<see cref="ImportBatch"/>, the same earning and tier code
/// as a live purchase); the others each like a live purchase (RecordPurchaseCommand in its own unit of work). Progress
/// is saved per chunk, so an interrupted import resumes at its first unsettled row. Returns how many rows were settled.
/// </summary>
/// <remarks>
/// With <paramref name="Parallelism"/> above 1 the one-by-one rows run side by side, a member's rows always one after
/// another in file order (their earning caps and tiers depend on each other). SQLite always runs one row at a time
/// (one writer). Each lane reuses one DI scope (and DbContext) for many rows, its change tracker cleared between rows.
/// </remarks>
public sealed record ProcessImportsCommand(int MaxRows = 20_000, int Parallelism = ProcessImportsCommand.DefaultParallelism) : ICommand<int>
{
    public const int DefaultParallelism = 4;
}

public sealed class ProcessImportsHandler(ILoyaltyDbContext db, IServiceScopeFactory scopes, IWriteGate writeGate, TimeProvider clock) : ICommandHandler<ProcessImportsCommand, int>
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
                var parallelism = writeGate.SingleWriter ? 1 : Math.Max(1, command.Parallelism);
                try
                {
                    handled += await ProcessAsync(candidate.Id, candidate.PartnerId, command.MaxRows - handled, parallelism, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(candidate.Id);
                    throw;
                }
            }
        }

        return handled;
    }

    /// <summary>
    /// Stopped (the instance is shutting down): gives the lease back at once, so another instance resumes the import at
    /// its first unsettled row now rather than when the lease runs out. Only a lease still running is ours to give back.
    /// </summary>
    private async Task ReleaseAsync(Guid importId)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        await db.Imports.Where(i => i.Id == importId && (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running) && i.ClaimedUntil > now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
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
            foreach (var row in rows.Where(r => r.PurchasedAt < now - MaxAge))
            {
                row.Settle(ImportRowOutcome.Rejected, 0, ErrorCodes.PurchaseTooOld, $"purchasedAt is more than {MaxAge.TotalDays:0} days ago; such sales are not earned any more.");
            }

            var oneByOne = await EarnTogetherAsync(partnerId, rows.Where(r => r.Outcome == ImportRowOutcome.Pending).ToList(), cancellationToken);
            await EarnOneByOneAsync(partnerId, oneByOne, parallelism, cancellationToken);

            // Rows the chunk path left pending (a member's rows after a tier change) come first in the next chunk.
            var settled = rows.Where(r => r.Outcome != ImportRowOutcome.Pending).ToList();
            foreach (var row in settled)
            {
                import.Count(row.Outcome, row.Points);
            }

            await db.SaveChangesAsync(cancellationToken);
            handled += settled.Count;
        }
    }

    /// <summary>
    /// Earns the chunk's ordinary rows in one transaction (<see cref="ImportBatch"/>); returns the rows for the
    /// one-by-one path. When the chunk's transaction fails (e.g. a receipt recorded live meanwhile), every row goes one by one.
    /// </summary>
    private async Task<IReadOnlyList<ImportRow>> EarnTogetherAsync(Guid partnerId, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        await using var scope = scopes.CreateAsyncScope();
        var batchDb = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
        batchDb.Database.AutoSavepointsEnabled = false;
        ImportBatchResult result;
        try
        {
            await using var transaction = await WriteTransaction.BeginAsync(batchDb, scope.ServiceProvider.GetRequiredService<IWriteGate>(), cancellationToken);
            result = await ActivatorUtilities.CreateInstance<ImportBatch>(scope.ServiceProvider).EarnAsync(partnerId, rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            return rows;
        }

        foreach (var (row, points) in result.Earned)
        {
            row.Settle(ImportRowOutcome.Earned, points, null, null);
        }

        return result.OneByOne;
    }

    private async Task EarnOneByOneAsync(Guid partnerId, IReadOnlyList<ImportRow> rows, int parallelism, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var lanes = new ConcurrentBag<Lane>();
        try
        {
            await Parallel.ForEachAsync(
                rows.GroupBy(r => MemberNumber.TryParse(r.MemberNumber, out var number) == MemberNumberParseResult.Valid ? number.Value : r.MemberNumber),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (member, ct) =>
                {
                    // At most `parallelism` lanes exist: a group takes a free one, the shared context is not touched here.
                    var lane = lanes.TryTake(out var free) ? free : new Lane(scopes.CreateAsyncScope());
                    try
                    {
                        foreach (var row in member)
                        {
                            await SettleAsync(partnerId, row, lane, ct);
                        }
                    }
                    finally
                    {
                        lanes.Add(lane);
                    }
                });
        }
        finally
        {
            foreach (var lane in lanes)
            {
                await lane.Scope.DisposeAsync();
            }
        }
    }

    private sealed class Lane
    {
        public Lane(AsyncServiceScope scope)
        {
            Scope = scope;
            Db = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();

            // EF's savepoint around each SaveChanges costs two round trips; a failed row rolls its whole transaction back anyway.
            Db.Database.AutoSavepointsEnabled = false;
        }

        public AsyncServiceScope Scope { get; }

        public ILoyaltyDbContext Db { get; }

        public ISender Sender => Scope.ServiceProvider.GetRequiredService<ISender>();
    }

    private async Task SettleAsync(Guid partnerId, ImportRow row, Lane lane, CancellationToken cancellationToken)
    {
        if (row.PurchasedAt < clock.GetUtcNow() - MaxAge)
        {
            row.Settle(ImportRowOutcome.Rejected, 0, ErrorCodes.PurchaseTooOld, $"purchasedAt is more than {MaxAge.TotalDays:0} days ago; such sales are not earned any more.");
            return;
        }

        var request = new RecordPurchaseRequest(row.MemberNumber, row.StoreId, row.ExternalId, row.Amount, row.Currency, row.PurchasedAt);
        for (var attempt = 1; ; attempt++)
        {
            lane.Db.ChangeTracker.Clear(); // what a failed row left behind must not be saved with the next one
            try
            {
                var purchase = await lane.Sender.Send(new RecordPurchaseCommand(partnerId, request), cancellationToken);
                row.Settle(ImportRowOutcome.Earned, purchase.PointsEarned, null, null);
                return;
            }
            catch (ValidationException e)
            {
                row.Settle(ImportRowOutcome.Rejected, 0, ErrorCodes.ValidationFailed, string.Join(" ", e.Errors.Select(f => f.ErrorMessage)));
                return;
            }
            catch (AppException e) when (e.Code == ErrorCodes.DuplicateTransaction)
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
