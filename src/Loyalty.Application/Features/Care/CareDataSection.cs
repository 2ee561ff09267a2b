using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care;

/// <summary>
/// Care in the member's export and erasure: their cases with every step, their surveys and answers, and the reasons for
/// leaving they gave. Erasure blanks the free text (what the member and staff wrote) and keeps categories, times,
/// scores and ids, which the reports need.
/// </summary>
public sealed class CareDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    private const string Erased = "(erased)";

    public string Name => "care";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var cases = await db.ServiceCases.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.OpenedAt).ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.Id).ToList();
        var steps = (await db.CaseSteps.AsNoTracking().Where(s => caseIds.Contains(s.CaseId)).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);
        var surveys = await db.Surveys.AsNoTracking().Include(s => s.Dimensions).Where(s => s.MemberId == memberId).OrderBy(s => s.Sequence).ToListAsync(cancellationToken);
        var reasons = await db.LeavingReasons.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.At).ToListAsync(cancellationToken);
        return new
        {
            cases = cases.Select(c => new
            {
                id = c.Id,
                category = WireValue.Name(c.Category),
                channel = WireValue.Name(c.Channel),
                severity = WireValue.Name(c.Severity),
                title = c.Title,
                description = c.Description,
                openedAt = c.OpenedAt,
                status = WireValue.Name(c.Status),
                resolvedAt = c.ResolvedAt,
                outcome = c.Outcome is { } outcome ? WireValue.Name(outcome) : null,
                resolution = c.Resolution,
                goodwillPoints = c.GoodwillPoints,
                steps = steps[c.Id].OrderBy(s => s.Number).Select(s => new { number = s.Number, text = s.Text, dueAt = s.DueAt, completedAt = s.CompletedAt, note = s.Note }),
            }),
            surveys = surveys.Select(s => new
            {
                id = s.Id,
                touchpoint = WireValue.Name(s.Touchpoint),
                requestedAt = s.RequestedAt,
                answeredAt = s.AnsweredAt,
                csat = s.Csat,
                nps = s.Nps,
                comment = s.Comment,
                dimensions = s.Dimensions.OrderBy(d => d.Dimension, StringComparer.Ordinal).Select(d => new { dimension = d.Dimension, expected = d.Expected, perceived = d.Perceived }),
            }),
            leavingReasons = reasons.Select(r => new { reason = WireValue.Name(r.Reason), text = r.Text, source = WireValue.Name(r.Source), at = r.At }),
        };
    }

    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var cases = db.ServiceCases.Where(c => c.MemberId == memberId);
        await db.CaseSteps.Where(s => cases.Any(c => c.Id == s.CaseId) && s.Note != null).ExecuteUpdateAsync(set => set.SetProperty(s => s.Note, Erased), cancellationToken);
        await cases.ExecuteUpdateAsync(set => set.SetProperty(c => c.Title, Erased).SetProperty(c => c.Description, Erased), cancellationToken);
        await cases.Where(c => c.Resolution != null).ExecuteUpdateAsync(set => set.SetProperty(c => c.Resolution, Erased), cancellationToken);
        await db.Surveys.Where(s => s.MemberId == memberId && s.Comment != null).ExecuteUpdateAsync(set => set.SetProperty(s => s.Comment, (string?)null), cancellationToken);
        await db.LeavingReasons.Where(r => r.MemberId == memberId && r.Text != null).ExecuteUpdateAsync(set => set.SetProperty(r => r.Text, (string?)null), cancellationToken);
    }
}
