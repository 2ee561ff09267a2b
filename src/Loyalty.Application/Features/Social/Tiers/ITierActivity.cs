using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>Members' qualifying activity (<see cref="TierActivity"/>), added up in provider SQL (Infrastructure) on the caller's context.</summary>
public interface ITierActivity
{
    /// <summary>
    /// One member's activity in two windows at once, both ending at <paramref name="end"/> (inclusive): from
    /// <paramref name="start"/> and from <paramref name="otherStart"/>. One round trip.
    /// </summary>
    Task<(QualifyingActivity Activity, QualifyingActivity Other)> ForMemberAsync(
        Guid memberId, string currency, DateTimeOffset start, DateTimeOffset otherStart, DateTimeOffset end, CancellationToken cancellationToken);

    /// <summary><see cref="ForMemberAsync"/> for many members, each with their own two window starts.</summary>
    Task<Dictionary<Guid, (QualifyingActivity Activity, QualifyingActivity Other)>> ForMembersAsync(
        IReadOnlyList<(Guid MemberId, DateTimeOffset Start, DateTimeOffset OtherStart)> members, string currency, DateTimeOffset end, CancellationToken cancellationToken);
}
