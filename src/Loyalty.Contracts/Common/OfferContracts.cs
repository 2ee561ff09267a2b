using System.Text.Json.Serialization;
using Loyalty.Contracts.Events;

namespace Loyalty.Contracts.Common;

/// <summary>Where a personal offer stands.</summary>
public enum OfferStatus
{
    /// <summary>Being prepared; no member sees it.</summary>
    Draft,

    /// <summary>Its audience is fixed (treatment and control); treated members see and use it within its window.</summary>
    Published,

    /// <summary>Stopped early: no longer listed or applied.</summary>
    Withdrawn,
}

/// <summary>What a personal offer gives (also inside offer.published events, hence its own converter).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<OfferBenefitKind>))]
public enum OfferBenefitKind
{
    /// <summary>A fixed number of points on a qualifying purchase (bonusPoints).</summary>
    BonusPoints,

    /// <summary>Extra points on the base points of the basket lines of one category or SKU (factor 2 doubles them).</summary>
    Multiplier,

    /// <summary>A free voucher for a reward of the catalogue (rewardId), issued on a qualifying purchase.</summary>
    Voucher,
}

/// <summary>
/// What an offer gives: bonusPoints for kind bonusPoints; factor with category or sku (one of them) for multiplier;
/// rewardId for voucher. Fields of other kinds are left out.
/// </summary>
public sealed record OfferBenefitDto(OfferBenefitKind Kind, long? BonusPoints = null, decimal? Factor = null, string? Category = null, string? Sku = null, Guid? RewardId = null);
