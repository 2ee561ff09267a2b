namespace Loyalty.Contracts.Common;

/// <summary>
/// One rule's contribution to earned points. <see cref="Rule"/> is the kind of line: base, tier, multiplier or
/// bonus. <see cref="RuleId"/> and <see cref="RuleVersion"/> name the exact rule version (null for the tier line).
/// </summary>
public sealed record EarnLineResponse(string Rule, string Description, long Points, Guid? RuleId = null, int? RuleVersion = null, Guid? CampaignId = null);
