namespace Loyalty.Contracts.Common;

/// <summary>One rule's contribution to a purchase's points, e.g. ("base", "1 point per EUR", 42).</summary>
public sealed record EarnLineResponse(string Rule, string Description, long Points);
