using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// Published inside a purchase's transaction, after its points were calculated and before they are written, so
/// other layers (tier qualification, referrals) react in the same unit of work: what a handler adds to the context
/// is saved in the same batch as the earn, and commits or rolls back with it. <see cref="Member"/> and
/// <see cref="Tier"/> are untracked snapshots taken before the purchase.
/// </summary>
public sealed record PurchaseRecorded(Member Member, Tier Tier, Purchase Purchase, DateTimeOffset At) : INotification;
