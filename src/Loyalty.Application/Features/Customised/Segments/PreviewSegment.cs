using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>
/// Counts the members a definition selects now, without saving anything: the same compiled rule as the refresh, so
/// a refresh at the same instant finds the same count.
/// </summary>
public sealed record PreviewSegmentQuery(SegmentPreviewRequest Request) : IQuery<SegmentPreviewResponse>;

public sealed class PreviewSegmentValidator : AbstractValidator<PreviewSegmentQuery>
{
    public PreviewSegmentValidator(IEnumerable<ISegmentScore> scores) =>
        RuleFor(q => q.Request).NotNull().Custom((request, context) =>
        {
            foreach (var failure in SegmentDefinitions.ShapeProblems(request.Definition, "definition", scores))
            {
                context.AddFailure(failure);
            }
        });
}

public sealed class PreviewSegmentHandler(ILoyaltyDbContext db, ISegmentMembership membership, TimeProvider clock) : IQueryHandler<PreviewSegmentQuery, SegmentPreviewResponse>
{
    public async ValueTask<SegmentPreviewResponse> Handle(PreviewSegmentQuery query, CancellationToken cancellationToken)
    {
        var definition = SegmentDefinitions.ToDomain(query.Request.Definition);
        await SegmentDefinitions.EnsureReferencesExistAsync(db, definition, "definition", cancellationToken);
        var now = clock.GetUtcNow();
        var matching = membership.Matching(definition, now);
        var count = await matching.CountAsync(cancellationToken);
        var sample = await db.Members.AsNoTracking()
            .Where(m => matching.Contains(m.Id))
            .OrderBy(m => m.MemberNumber)
            .Take(SegmentDefinitions.SampleSize)
            .Select(m => new SegmentMemberSummary(m.Id, m.MemberNumber, m.FirstName, m.LastName))
            .ToListAsync(cancellationToken);
        return new SegmentPreviewResponse(count, sample, now);
    }
}
