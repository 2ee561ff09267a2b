using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Care.Surveys;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>
/// Decides one touchpoint: an active member under the cap (<see cref="SurveyRules.Allows"/> over their latest surveys)
/// is asked (<c>survey.requested</c>); otherwise the touchpoint is only marked decided. The survey takes the member's
/// next sequence number, unique per member, so two concurrent requests cannot both take the last place.
/// </summary>
public sealed record RequestSurveyCommand(SurveyTouchpoint Touchpoint, Guid TouchpointId, Guid MemberId, Guid? StoreId, Guid? PartnerId) : ICommand<bool>, ITransactionalCommand;

public sealed class RequestSurveyHandler(ILoyaltyDbContext db, EventOutbox outbox, IOptions<CareOptions> options, TimeProvider clock) : ICommandHandler<RequestSurveyCommand, bool>
{
    public async ValueTask<bool> Handle(RequestSurveyCommand command, CancellationToken cancellationToken)
    {
        if (await db.SurveyTriggers.AnyAsync(t => t.Touchpoint == command.Touchpoint && t.TouchpointId == command.TouchpointId, cancellationToken))
        {
            return false;
        }

        var care = options.Value;
        var now = clock.GetUtcNow();
        var member = await db.Members.AsNoTracking().Where(m => m.Id == command.MemberId).Select(m => new { m.MemberNumber, m.TierId, m.Status }).SingleAsync(cancellationToken);
        var latest = await db.Surveys.AsNoTracking().Where(s => s.MemberId == command.MemberId).OrderByDescending(s => s.Sequence)
            .Take(Math.Max(1, care.SurveyCap)).Select(s => new { s.Sequence, s.RequestedAt }).ToListAsync(cancellationToken);
        Survey? survey = null;
        if (member.Status == MemberStatus.Active && SurveyRules.Allows(latest.Select(s => s.RequestedAt), care.SurveyCap, care.SurveyCapWindow, now))
        {
            survey = Survey.Request(command.MemberId, (latest.Count == 0 ? 0 : latest[0].Sequence) + 1, command.Touchpoint, command.TouchpointId,
                command.StoreId, command.PartnerId, member.TierId, now, TimeSpan.FromDays(care.SurveyValidDays));
            db.Surveys.Add(survey);
            outbox.Add(new SurveyRequestedV1(survey.Id, member.MemberNumber, WireValue.Of<Contracts.Common.SurveyTouchpoint>(command.Touchpoint), survey.ExpiresAt, now), command.MemberId, command.PartnerId);
        }

        db.SurveyTriggers.Add(SurveyTrigger.Decide(command.Touchpoint, command.TouchpointId, command.MemberId, survey?.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        return survey is not null;
    }
}
