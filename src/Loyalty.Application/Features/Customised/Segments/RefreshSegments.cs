using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>
/// The scheduled refresh: every segment not archived whose last refresh is older than <paramref name="Every"/> (or that
/// was never refreshed), each in a transaction of its own. Returns how many segments it refreshed.
/// </summary>
public sealed record RefreshSegmentsCommand(TimeSpan Every) : ICommand<int>
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromHours(1);
}

public sealed class RefreshSegmentsHandler(ILoyaltyDbContext db, ISegmentMembership membership, IWriteGate writeGate, TimeProvider clock) : ICommandHandler<RefreshSegmentsCommand, int>
{
    public async ValueTask<int> Handle(RefreshSegmentsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staleBefore = now - command.Every;
        var due = await db.Segments.AsNoTracking()
            .Where(s => s.ArchivedAt == null && (s.LastRefreshedAt == null || s.LastRefreshedAt <= staleBefore))
            .OrderBy(s => s.LastRefreshedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        foreach (var segment in due)
        {
            // Refreshing twice (two instances at once) changes nothing the second time: the refresh locks the
            // segment's row first and compares with the members the first one left.
            await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
            await membership.RefreshAsync(segment, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return due.Count;
    }
}
