using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.Outbox;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>
/// Erasure (right to be forgotten): personal data is anonymised in the member row and in every data section, while
/// ledger entries, lots, purchases and amounts stay, so balances, the liability report and partners' settlements
/// still add up. An open membership closes and its points are forfeited whatever the close policy (nobody could
/// ever claim them again). Irreversible; a second request changes nothing and answers the same. The audit record
/// holds the reason and the points, never the erased data.
/// </summary>
public sealed record EraseMemberCommand(string Actor, Guid MemberId, MemberStatusChangeRequest Request) : ICommand<MemberLifecycleResponse>, ITransactionalCommand;

public sealed class EraseMemberValidator : AbstractValidator<EraseMemberCommand>
{
    public EraseMemberValidator() => RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
}

public sealed class EraseMemberHandler(
    ILoyaltyDbContext db, MemberLifecycle lifecycle, IEnumerable<IMemberDataSection> sections, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
    : ICommandHandler<EraseMemberCommand, MemberLifecycleResponse>
{
    public async ValueTask<MemberLifecycleResponse> Handle(EraseMemberCommand command, CancellationToken cancellationToken)
    {
        var member = await lifecycle.LockAsync(command.MemberId, cancellationToken);
        if (member.ErasedAt is not null)
        {
            return await lifecycle.ResponseAsync(member, 0, cancellationToken);
        }

        await lifecycle.EnsureNoOpenHoldsAsync(member.Id, "The member", cancellationToken);
        var before = member.Status.ToString();
        var now = clock.GetUtcNow();
        member.Erase(now);
        foreach (var section in sections)
        {
            await section.EraseAsync(member.Id, cancellationToken);
        }

        audit.Record<object>(command.Actor, "member.erased", "member", member.Id, new { status = before }, new { status = member.Status.ToString(), reason = command.Request.Reason.Trim() });
        outbox.Add(EventTypes.MemberErased, member.Id, null, new { memberId = member.Id, occurredAt = now });
        var forfeited = await lifecycle.ForfeitAllAsync(member.Id, "Points forfeited: personal data erased", command.Actor, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await lifecycle.ResponseAsync(member, forfeited, cancellationToken);
    }
}
