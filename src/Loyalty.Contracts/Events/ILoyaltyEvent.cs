namespace Loyalty.Contracts.Events;

/// <summary>
/// A webhook event's data. Each record is one version of one event type: its name ends in the version
/// (<c>PointsEarnedV1</c>) and <see cref="EventType"/> is the wire <c>type</c>. Version 1 keeps the historical
/// undotted name (<c>points.earned</c>); a breaking change adds a new record (<c>PointsEarnedV2</c>, type
/// <c>points.earned.v2</c>) that subscribers opt into, so a subscription never changes shape under its receiver.
/// </summary>
public interface ILoyaltyEvent
{
    /// <summary>The <c>type</c> field of the webhook envelope and the name subscriptions filter on.</summary>
    static abstract string EventType { get; }
}
