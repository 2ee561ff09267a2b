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
/// </summary>
public sealed record RequestSurveysCommand(int BatchSize = 200) : ICommand<int>;

public sealed class RequestSurveysHandler(ILoyaltyDbContext db, ISender sender, IOptions<CareOptions> options, TimeProvider clock) : ICommandHandler<RequestSurveysCommand, int>
{
    public async ValueTask<int> Handle(RequestSurveysCommand command, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddHours(-options.Value.SurveyLookbackHours);
        var purchases = await db.Purchases.AsNoTracking()
            .Where(p => p.RecordedAt >= since && !db.SurveyTriggers.Any(t => t.Touchpoint == SurveyTouchpoint.Purchase && t.TouchpointId == p.Id))
            .OrderBy(p => p.RecordedAt).ThenBy(p => p.Id).Take(command.BatchSize)
            .Select(p => new RequestSurveyCommand(SurveyTouchpoint.Purchase, p.Id, p.MemberId, p.StoreId, p.PartnerId))
            .ToListAsync(cancellationToken);
        var cases = await db.ServiceCases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Resolved && c.ResolvedAt >= since && !db.SurveyTriggers.Any(t => t.Touchpoint == SurveyTouchpoint.CaseResolved && t.TouchpointId == c.Id))
            .OrderBy(c => c.ResolvedAt).ThenBy(c => c.Id).Take(command.BatchSize)
            .Select(c => new RequestSurveyCommand(SurveyTouchpoint.CaseResolved, c.Id, c.MemberId, c.StoreId, c.PartnerId))
            .ToListAsync(cancellationToken);
        var events = await db.ClubEventRegistrations.AsNoTracking()
            .Where(r => r.CheckedInAt >= since && !db.SurveyTriggers.Any(t => t.Touchpoint == SurveyTouchpoint.ClubEvent && t.TouchpointId == r.Id))
            .OrderBy(r => r.CheckedInAt).ThenBy(r => r.Id).Take(command.BatchSize)
            .Select(r => new RequestSurveyCommand(SurveyTouchpoint.ClubEvent, r.Id, r.MemberId, r.CheckedInAtStoreId, r.CheckedInByPartnerId))
            .ToListAsync(cancellationToken);

        var requested = 0;
        foreach (var touchpoint in purchases.Concat(cases).Concat(events))
        {
            db.ChangeTracker.Clear();
            try
            {
                requested += await sender.Send(touchpoint, cancellationToken) ? 1 : 0;
            }
            catch (DbUpdateException)
            {
                // Another instance decided this touchpoint, or took the member's next survey number: the next run sees it afresh.
            }
        }

        return requested;
    }
}
