using Loyalty.Application.Abstractions;
using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Care.Surveys;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>
/// The survey job's work: every recent touchpoint (a purchase, a resolved case, a club-event attendance) not yet
/// decided is offered to <see cref="RequestSurveyCommand"/>, which asks the member or not (the cap). Touchpoints
/// older than the look-back are never surveyed. Safe on several instances: a touchpoint is decided once (its key)
/// and a member's surveys are numbered uniquely; a lost race is retried on the next run.
/// A run takes batches of <see cref="RequestSurveysCommand.BatchSize"/> per kind of touchpoint until it has caught up
/// (or for at most <see cref="RequestSurveysHandler.RunBudget"/>): one batch per run fell behind any programme with more
/// than a batch of purchases a minute, and the backlog then aged past the look-back unsurveyed.
/// </summary>
public sealed record RequestSurveysCommand(int BatchSize = 200) : ICommand<int>;

public sealed class RequestSurveysHandler(ILoyaltyDbContext db, ISender sender, IOptions<CareOptions> options, TimeProvider clock) : ICommandHandler<RequestSurveysCommand, int>
{
    /// <summary>Below the job's one-minute interval, so runs do not pile up behind a long backlog.</summary>
    public static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(45);

    public async ValueTask<int> Handle(RequestSurveysCommand command, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var requested = 0;
        while (true)
        {
            var (batch, full) = await NextBatchAsync(command.BatchSize, cancellationToken);
            var decided = 0;
            foreach (var touchpoint in batch)
            {
                db.ChangeTracker.Clear();
                try
                {
                    requested += await sender.Send(touchpoint, cancellationToken) ? 1 : 0;
                    decided++;
                }
                catch (DbUpdateException)
                {
                    // Another instance decided this touchpoint, or took the member's next survey number: the next run sees it afresh.
                }
            }

            // Another batch only while one kind's was full and this one moved: a touchpoint that keeps failing waits for the next run.
            if (!full || decided == 0 || clock.GetElapsedTime(started) >= RunBudget)
            {
                return requested;
            }
        }
    }

    private async Task<(List<RequestSurveyCommand> Batch, bool Full)> NextBatchAsync(int size, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddHours(-options.Value.SurveyLookbackHours);
        var purchases = await db.Purchases.AsNoTracking()
            .Where(p => p.RecordedAt >= since && !db.SurveyTriggers.Any(t => t.Touchpoint == SurveyTouchpoint.Purchase && t.TouchpointId == p.Id))
            .OrderBy(p => p.RecordedAt).ThenBy(p => p.Id).Take(size)
            .Select(p => new RequestSurveyCommand(SurveyTouchpoint.Purchase, p.Id, p.MemberId, p.StoreId, p.PartnerId))
            .ToListAsync(cancellationToken);
        var cases = await db.ServiceCases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Resolved && c.ResolvedAt >= since && !db.SurveyTriggers.Any(t => t.Touchpoint == SurveyTouchpoint.CaseResolved && t.TouchpointId == c.Id))
            .OrderBy(c => c.ResolvedAt).ThenBy(c => c.Id).Take(size)
            .Select(c => new RequestSurveyCommand(SurveyTouchpoint.CaseResolved, c.Id, c.MemberId, c.StoreId, c.PartnerId))
            .ToListAsync(cancellationToken);
        var events = await db.ClubEventRegistrations.AsNoTracking()
            .Where(r => r.CheckedInAt >= since && !db.SurveyTriggers.Any(t => t.Touchpoint == SurveyTouchpoint.ClubEvent && t.TouchpointId == r.Id))
            .OrderBy(r => r.CheckedInAt).ThenBy(r => r.Id).Take(size)
            .Select(r => new RequestSurveyCommand(SurveyTouchpoint.ClubEvent, r.Id, r.MemberId, r.CheckedInAtStoreId, r.CheckedInByPartnerId))
            .ToListAsync(cancellationToken);
        var full = purchases.Count == size || cases.Count == size || events.Count == size;
        return ([.. purchases, .. cases, .. events], full);
    }
}
