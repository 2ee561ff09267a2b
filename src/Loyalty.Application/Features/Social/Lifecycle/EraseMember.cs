using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>
/// Erasure (right to be forgotten): personal data is anonymised in the member row and in every data section, while
/// ledger entries, lots, purchases and amounts stay, so balances, the liability report and partners' settlements
/// still add up. An open membership closes and its points are forfeited whatever the close policy (nobody could
/// ever claim them again). Irreversible; a second request changes nothing and answers the same. The audit record
/// holds the reason and the points, never the erased data. Members merged into this one (the same person) are erased with it.
/// </summary>
public sealed record EraseMemberCommand(string Actor, Guid MemberId, MemberStatusChangeRequest Request) : ICommand<MemberLifecycleResponse>, ITransactionalCommand;

public sealed class EraseMemberValidator : AbstractValidator<EraseMemberCommand>
{
    public EraseMemberValidator() => RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
}

public sealed class EraseMemberHandler(
    ILoyaltyDbContext db, PointsLedger ledger, MemberLifecycle lifecycle, IEnumerable<IMemberDataSection> sections, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
    : ICommandHandler<EraseMemberCommand, MemberLifecycleResponse>
{
    public async ValueTask<MemberLifecycleResponse> Handle(EraseMemberCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(m => m.Id == command.MemberId, cancellationToken))
        {
            throw MemberLifecycle.NotFound();
        }

        // Duplicates merged into this member are the same person: their rows are erased too. All accounts are
        // locked in member-id order, as merges lock them.
        var ids = await db.Members.Where(m => m.Id == command.MemberId || m.MergedIntoMemberId == command.MemberId).Select(m => m.Id).ToListAsync(cancellationToken);
        foreach (var id in ids.Order())
        {
            await ledger.LockAccountAsync(id, cancellationToken);
        }

        var members = await db.Members.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var member = members[command.MemberId];
        if (member.ErasedAt is not null && members.Values.All(m => m.ErasedAt is not null))
        {
            return await lifecycle.ResponseAsync(member, 0, cancellationToken);
        }

        foreach (var id in ids)
        {
            await lifecycle.EnsureNoOpenHoldsAsync(id, id == member.Id ? "The member" : "A member merged into this one", cancellationToken);
        }

        var now = clock.GetUtcNow();
        var reason = command.Request.Reason.Trim();
        var forfeited = 0L;
        foreach (var erased in members.Values.Where(m => m.ErasedAt is null).OrderBy(m => m.Id))
        {
            var before = WireValue.Name(erased.Status);
            erased.Erase(now);
            foreach (var section in sections)
            {
                await section.EraseAsync(erased.Id, cancellationToken);
            }

            audit.Record<object>(command.Actor, "member.erased", "member", erased.Id, new { status = before }, new { status = WireValue.Name(erased.Status), reason });
            outbox.Add(new MemberErasedV1(erased.Id, now), erased.Id, null);
            var taken = await lifecycle.ForfeitAllAsync(erased.Id, "Points forfeited: personal data erased", command.Actor, now, cancellationToken);
            forfeited += erased.Id == member.Id ? taken : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await lifecycle.ResponseAsync(member, forfeited, cancellationToken);
    }
}
