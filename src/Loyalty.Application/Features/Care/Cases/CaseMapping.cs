using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Care.Cases;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>Cases to the wire, for staff and for the member.</summary>
public static class CaseMapping
{
    public static CaseStepResponse ToResponse(this CaseStep step) => new(step.Number, step.Text, step.DueAt, step.SetAt, step.CompletedAt, step.Note);

    public static CaseResponse ToResponse(this ServiceCase c, string memberNumber, IEnumerable<CaseStep> steps, DateTimeOffset now)
    {
        var open = c.Status == Domain.Care.Cases.CaseStatus.Open;
        return new CaseResponse(
            c.Id, c.MemberId, memberNumber, c.TierId,
            WireValue.Of<Contracts.Common.CaseCategory>(c.Category), WireValue.Of<Contracts.Common.CaseChannel>(c.Channel), WireValue.Of<Contracts.Common.CaseSeverity>(c.Severity),
            c.Title, c.Description, c.PurchaseId, c.StoreId, c.PartnerId, c.Owner, c.OpenedBy, c.OpenedAt, c.Priority, c.ResponseHours, c.ServiceLevelDueAt, c.FirstResponseAt,
            ServiceLevel.IsBreached(c.ServiceLevelDueAt, c.FirstResponseAt, now), c.StepNumber,
            open ? c.NextStep : null, open ? c.NextStepDueAt : null, c.IsDue(now), c.EscalatedAt, c.EscalatedTo,
            WireValue.Of<Contracts.Common.CaseStatus>(c.Status), c.ResolvedAt, WireValue.OfNullable<Contracts.Common.CaseOutcome>(c.Outcome), c.Resolution,
            c.GoodwillPoints, c.GoodwillLedgerEntryId, steps.OrderBy(s => s.Number).Select(ToResponse).ToList());
    }

    public static MyCaseResponse ToMemberResponse(this ServiceCase c, IEnumerable<CaseStep> steps)
    {
        var open = c.Status == Domain.Care.Cases.CaseStatus.Open;
        return new MyCaseResponse(
            c.Id, WireValue.Of<Contracts.Common.CaseCategory>(c.Category), WireValue.Of<Contracts.Common.CaseChannel>(c.Channel), WireValue.Of<Contracts.Common.CaseSeverity>(c.Severity),
            c.Title, c.Description, WireValue.Of<Contracts.Common.CaseStatus>(c.Status), c.OpenedAt, c.ServiceLevelDueAt, c.FirstResponseAt,
            open ? c.NextStep : null, open ? c.NextStepDueAt : null, c.ResolvedAt, WireValue.OfNullable<Contracts.Common.CaseOutcome>(c.Outcome), c.Resolution, c.GoodwillPoints,
            steps.OrderBy(s => s.Number).Select(ToResponse).ToList());
    }

    /// <summary>The steps of several cases in one query.</summary>
    public static async Task<ILookup<Guid, CaseStep>> StepsAsync(ILoyaltyDbContext db, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken) =>
        (await db.CaseSteps.AsNoTracking().Where(s => caseIds.Contains(s.CaseId)).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);

    /// <summary>The case of this member (a staff route names both); another member's case is not found.</summary>
    public static async Task<ServiceCase> FindAsync(ILoyaltyDbContext db, Guid memberId, Guid caseId, CancellationToken cancellationToken) =>
        await db.ServiceCases.SingleOrDefaultAsync(c => c.Id == caseId && c.MemberId == memberId, cancellationToken) ?? throw NotFound();

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.CaseNotFound, "No case has this id.");

    public static async Task<CaseResponse> StaffResponseAsync(ILoyaltyDbContext db, ServiceCase c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = await db.Members.AsNoTracking().Where(m => m.Id == c.MemberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        var steps = await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == c.Id).ToListAsync(cancellationToken);
        return c.ToResponse(number, steps, now);
    }
}
