using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Grants;

/// <summary>Records a bulk grant and one item per member; the grant job credits them afterwards.</summary>
public sealed record CreateBulkGrantCommand(string Actor, CreateBulkGrantRequest Request) : ICommand<BulkGrantResponse>, ITransactionalCommand;

public sealed class CreateBulkGrantValidator : AbstractValidator<CreateBulkGrantCommand>
{
    public CreateBulkGrantValidator()
    {
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
        RuleFor(c => c.Request.Points).InclusiveBetween(1, BulkGrant.MaxPoints);
        RuleFor(c => c.Request.MemberNumbers).NotEmpty()
            .MaximumCount(BulkGrant.MaxMembers).WithMessage($"memberNumbers may list at most {BulkGrant.MaxMembers} members; split larger grants.");
        RuleForEach(c => c.Request.MemberNumbers).NotEmpty().MaximumLength(BulkGrantItem.MaxInputLength).When(c => c.Request.MemberNumbers is not null);
    }
}

public sealed class CreateBulkGrantHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateBulkGrantCommand, BulkGrantResponse>
{
    private const int LookupChunk = 1_000; // keeps every query far below SQL Server's 2,100 parameters

    public async ValueTask<BulkGrantResponse> Handle(CreateBulkGrantCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var grant = BulkGrant.Create(command.Request.Reason, command.Request.Points, command.Actor, now);
        var recipients = BulkGrantRecipients.From(command.Request.MemberNumbers);

        var members = new Dictionary<string, (Guid Id, MemberStatus Status)>(StringComparer.Ordinal);
        foreach (var chunk in recipients.Numbers.Chunk(LookupChunk))
        {
            var found = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.MemberNumber))
                .Select(m => new { m.Id, m.MemberNumber, m.Status }).ToListAsync(cancellationToken);
            foreach (var m in found)
            {
                members[m.MemberNumber] = (m.Id, m.Status);
            }
        }

        db.BulkGrants.Add(grant);
        foreach (var number in recipients.Numbers)
        {
            db.BulkGrantItems.Add(members.TryGetValue(number, out var member)
                ? BulkGrantItem.ForMember(grant.Id, number, member.Id)
                : BulkGrantItem.Failure(grant.Id, number, ErrorCodes.MemberNotFound, now));
        }

        foreach (var entry in recipients.Invalid)
        {
            db.BulkGrantItems.Add(BulkGrantItem.Failure(grant.Id, entry, ErrorCodes.InvalidMemberNumber, now));
        }

        var total = recipients.Numbers.Count + recipients.Invalid.Count;
        audit.Record<object>(command.Actor, "grant.created", "bulk_grant", grant.Id, null, new
        {
            reason = grant.Reason,
            points = grant.Points,
            members = total,
            notFound = recipients.Numbers.Count - members.Count,
            invalid = recipients.Invalid.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await BulkGrantProgress.LoadAsync(db, grant.Id, cancellationToken);
    }
}
