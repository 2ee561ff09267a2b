using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Contracts.Member;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>The next best offers stored for the member. Profiling output: erasure deletes it (the next refresh skips erased members).</summary>
public sealed class RecommendationsDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "recommendations";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken) =>
        (await db.MemberRecommendations.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.Rank).ToListAsync(cancellationToken))
            .Select(r => new { r.Rank, kind = WireValue.Of<RecommendationCandidateKind>(r.CandidateKind), r.CandidateId, r.CandidateName, r.Category, r.Score, reasonKind = WireValue.Of<RecommendationReasonKind>(r.ReasonKind), r.Reason, r.ComputedAt });

    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) =>
        await db.MemberRecommendations.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
}
