using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Care.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// A breached service level goes to the care lead: the case records who and when (by a conditional update, so once),
/// with <c>case.escalated</c> and an audit entry.
/// </summary>
public sealed record EscalateCaseCommand(Guid CaseId) : ICommand<bool>, ITransactionalCommand;

public sealed class EscalateCaseHandler(ILoyaltyDbContext db, EventOutbox outbox, AuditTrail audit, IOptions<CareOptions> options, TimeProvider clock) : ICommandHandler<EscalateCaseCommand, bool>
{
    public const string Actor = "system:care-follow-up";

    public async ValueTask<bool> Handle(EscalateCaseCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lead = options.Value.Lead;
        var claimed = await db.ServiceCases
            .Where(c => c.Id == command.CaseId && c.Status == CaseStatus.Open && c.EscalatedAt == null && c.FirstResponseAt == null && c.ServiceLevelDueAt < now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.EscalatedAt, now).SetProperty(c => c.EscalatedTo, lead), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var c = await db.ServiceCases.AsNoTracking().SingleAsync(c => c.Id == command.CaseId, cancellationToken);
        outbox.Add(new CaseEscalatedV1(c.Id, lead, c.Owner, c.ServiceLevelDueAt, now), c.MemberId, c.PartnerId);
        audit.Record<object>(Actor, "case.escalated", "case", c.Id, new { escalatedTo = (string?)null }, new { escalatedTo = lead, owner = c.Owner, serviceLevelDueAt = c.ServiceLevelDueAt });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
