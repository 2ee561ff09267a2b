using System.Text.Json.Serialization;
using Loyalty.Contracts.Events;

namespace Loyalty.Contracts.Common;

/// <summary>What kind of rule an earn line comes from (also inside points.earned events, hence its own converter).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<EarnLineKind>))]
public enum EarnLineKind
{
    /// <summary>The programme's base rate (points per currency unit).</summary>
    Base,

    /// <summary>The member's tier multiplier on the base points.</summary>
    Tier,

    /// <summary>An earning rule or campaign that multiplies points.</summary>
    Multiplier,

    /// <summary>An earning rule or campaign that adds a fixed bonus.</summary>
    Bonus,

    /// <summary>A personal offer's benefit; <c>offerId</c> names the offer.</summary>
    Offer,
}

/// <summary>
/// One rule's contribution to earned points. <see cref="Kind"/> is the kind of line. <see cref="RuleId"/> and
/// <see cref="RuleVersion"/> name the exact rule version (null for the base and tier lines); <see cref="CampaignId"/>
/// is set when the rule belongs to a campaign; <see cref="OfferId"/> on an offer line.
/// </summary>
public sealed record EarnLineResponse(EarnLineKind Kind, string Description, long Points, Guid? RuleId = null, int? RuleVersion = null, Guid? CampaignId = null, Guid? OfferId = null);
