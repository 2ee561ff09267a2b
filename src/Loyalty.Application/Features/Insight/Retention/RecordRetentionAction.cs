using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Financial.Adjustments;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Insight.Retention;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WireKind = Loyalty.Contracts.Admin.RetentionActionKind;

namespace Loyalty.Application.Features.Insight.Retention;

/// <summary>
/// Records something done to keep a member, with their risk and value at the time. Goodwill points go through the
/// points adjustment (the same ledger credit, audit entry and points.adjusted event), in the same transaction; the
/// API asks for an Idempotency-Key, so a retried request neither credits twice nor records twice.
/// </summary>
public sealed record RecordRetentionActionCommand(StaffCaller Caller, Guid MemberId, RecordRetentionActionRequest Request) : ICommand<RetentionActionResponse>, ITransactionalCommand;

public sealed class RecordRetentionActionValidator : AbstractValidator<RecordRetentionActionCommand>
{
    public RecordRetentionActionValidator()
    {
        RuleFor(c => c.Request.Kind).IsInEnum();
        RuleFor(c => c.Request.Note).NotEmpty().MaximumLength(RetentionAction.NoteLength);
        RuleFor(c => c.Request.Points).NotNull().InclusiveBetween(1, 1_000_000).When(c => c.Request.Kind == WireKind.GoodwillPoints)
            .WithMessage("Goodwill points need a number of points, 1–1,000,000.");
        RuleFor(c => c.Request.Points).Null().When(c => c.Request.Kind != WireKind.GoodwillPoints).WithMessage("Only goodwill points carry points.");
        RuleFor(c => c.Request.OfferId).Null().When(c => c.Request.Kind != WireKind.Offer).WithMessage("Only an offer names an offer.");
        RuleFor(c => c.Request.FollowUpDays).InclusiveBetween(RetentionAction.MinFollowUpDays, RetentionAction.MaxFollowUpDays);
    }
}

public sealed class RecordRetentionActionHandler(ILoyaltyDbContext db, ISender sender, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<RecordRetentionActionCommand, RetentionActionResponse>
{
    public async ValueTask<RetentionActionResponse> Handle(RecordRetentionActionCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var request = command.Request;
        if (request.OfferId is { } offerId && !await db.PersonalOffers.AnyAsync(o => o.Id == offerId, cancellationToken))
        {
            throw Errors.AppException.NotFound(ErrorCodes.OfferNotFound, "No personal offer has this id.");
        }

        var tierId = await db.Members.Where(m => m.Id == command.MemberId).Select(m => m.TierId).SingleAsync(cancellationToken);
        var run = await InsightViews.LatestRunAsync(db, cancellationToken);
        var scores = run is null
            ? null
            : await db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id && i.MemberId == command.MemberId)
                .Select(i => new { i.ChurnScore, i.ValueDecile }).SingleOrDefaultAsync(cancellationToken);

        var note = request.Note.Trim();
        long? ledgerEntryId = null;
        if (request.Kind == WireKind.GoodwillPoints)
        {
            // The one ledger path for manual credits: no second ledger write here.
            var adjustment = await sender.Send(new AdjustPointsCommand(command.Caller.Actor, command.MemberId, new CreateAdjustmentRequest(request.Points!.Value, "Goodwill (retention): " + note)), cancellationToken);
            ledgerEntryId = adjustment.LedgerEntryId;
        }

        var now = clock.GetUtcNow();
        var action = RetentionAction.Take(
            command.MemberId, WireValue.Of<Domain.Insight.Retention.RetentionActionKind>(request.Kind), note, request.Points, ledgerEntryId, request.OfferId, tierId,
            scores?.ChurnScore, scores?.ValueDecile, request.FollowUpDays ?? RetentionAction.DefaultFollowUpDays, now, command.Caller.Actor);
        db.RetentionActions.Add(action);
        audit.Record<object>(command.Caller.Actor, "retention_action.recorded", "member", command.MemberId, null, new { actionId = action.Id, kind = request.Kind, points = request.Points, ledgerEntryId, note });
        await db.SaveChangesAsync(cancellationToken);
        return action.ToResponse();
    }
}
