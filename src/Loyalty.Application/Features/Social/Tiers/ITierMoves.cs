using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// One tier move: the member's tier fields (tier, since, next review, grace), a history row and a
/// <c>tier.changed</c> event (<see cref="TierChanges.Payload"/>). <paramref name="From"/> is the tier the member
/// must still be in for the move to happen.
/// </summary>
public sealed record TierMove(
    Tier From,
    Tier To,
    TierChangeReason Reason,
    DateTimeOffset Since,
    DateTimeOffset? ReviewAt,
    DateTimeOffset? GraceUntil,
    QualifyingActivity? Activity,
    DateTimeOffset At,
    string Actor = "system");

/// <summary>
/// The one implementation of "a member changes tier" (provider SQL in Infrastructure, on the caller's context and
/// transaction): one member on a purchase or a merge, every member of a tier on a scheme change. The review job
/// writes the same columns, rows and event through the same class, with its targets computed in SQL.
/// </summary>
public interface ITierMoves
{
    /// <summary>Moves <paramref name="member"/> if still in <see cref="TierMove.From"/>, in one command; true when this call moved them.</summary>
    Task<bool> MoveMemberAsync(Member member, TierMove move, CancellationToken cancellationToken);

    /// <summary>Moves every member of <see cref="TierMove.From"/>; returns how many.</summary>
    Task<int> MoveTierMembersAsync(TierMove move, CancellationToken cancellationToken);
}
