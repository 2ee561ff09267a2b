using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Rewards;

/// <summary>What can be changed about a reward; <see cref="Reward.Create"/> and <see cref="Reward.Revise"/> check it as a whole.</summary>
/// <param name="Name">Shown in the catalogue; unique.</param>
/// <param name="Description">Shown in the catalogue; may be empty.</param>
/// <param name="PointsCost">Points one voucher costs.</param>
/// <param name="Stock">Units left; null means unlimited.</param>
/// <param name="PerMemberLimit">How many times one member may redeem it, ever; null means no limit.</param>
/// <param name="AvailableFrom">Start of the window (inclusive); null means already open.</param>
/// <param name="AvailableUntil">End of the window (exclusive); null means open-ended.</param>
/// <param name="VoucherValidityDays">How long a voucher stays usable after it is issued.</param>
/// <param name="Category">The purchase category the reward is about (e.g. "coffee beans"), matched against what members buy for the next best offer; null when it is about none.</param>
public sealed record RewardTerms(
    string Name,
    string Description,
    long PointsCost,
    int? Stock,
    int? PerMemberLimit,
    DateTimeOffset? AvailableFrom,
    DateTimeOffset? AvailableUntil,
    int VoucherValidityDays,
    string? Category = null);

/// <summary>
/// Something in the catalogue members buy with points. Redeeming it issues a <see cref="Voucher"/>. A reward is
/// offered while it is active and inside its window, to the tiers it names (all tiers when it names none).
/// </summary>
public sealed class Reward
{
    public const int MaxVoucherValidityDays = 3650;

    public const int CategoryLength = 100;

    private readonly List<RewardTier> _tiers = [];

    private Reward()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public long PointsCost { get; private set; }

    /// <summary>Units left; null means unlimited. Redemptions lower it with a conditional update, never below zero.</summary>
    public int? Stock { get; private set; }

    public int? PerMemberLimit { get; private set; }

    public DateTimeOffset? AvailableFrom { get; private set; }

    public DateTimeOffset? AvailableUntil { get; private set; }

    public int VoucherValidityDays { get; private set; }

    /// <summary>The purchase category the reward is about; null when it is about none.</summary>
    public string? Category { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The tiers that may redeem it; empty means every tier.</summary>
    public IReadOnlyCollection<RewardTier> Tiers => _tiers;

    public IReadOnlyList<Guid> EligibleTierIds => [.. _tiers.Select(t => t.TierId).Order()];

    public RewardTerms Terms => new(Name, Description, PointsCost, Stock, PerMemberLimit, AvailableFrom, AvailableUntil, VoucherValidityDays, Category);

    public static Reward Create(RewardTerms terms, IEnumerable<Guid> eligibleTierIds, bool isActive, DateTimeOffset now)
    {
        var reward = new Reward { Id = EntityId.New(), CreatedAt = now };
        reward.Revise(terms, eligibleTierIds, isActive, now);
        return reward;
    }

    /// <summary>Replaces the terms, the tiers and the active flag at once, so the rules are checked against the result.</summary>
    public void Revise(RewardTerms terms, IEnumerable<Guid> eligibleTierIds, bool isActive, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(eligibleTierIds);
        Check(terms);
        Name = Names.Clean(terms.Name);
        Description = terms.Description.Trim();
        PointsCost = terms.PointsCost;
        Stock = terms.Stock;
        PerMemberLimit = terms.PerMemberLimit;
        AvailableFrom = Stored(terms.AvailableFrom);
        AvailableUntil = Stored(terms.AvailableUntil);
        VoucherValidityDays = terms.VoucherValidityDays;
        Category = string.IsNullOrWhiteSpace(terms.Category) ? null : terms.Category.Trim();
        IsActive = isActive;
        UpdatedAt = now;

        var wanted = eligibleTierIds.ToHashSet();
        _tiers.RemoveAll(t => !wanted.Contains(t.TierId));
        foreach (var tierId in wanted.Where(id => _tiers.All(t => t.TierId != id)))
        {
            _tiers.Add(new RewardTier(Id, tierId));
        }
    }

    /// <summary>Active and inside its window at <paramref name="now"/>.</summary>
    public bool IsAvailableAt(DateTimeOffset now) =>
        IsActive && (AvailableFrom is null || AvailableFrom <= now) && (AvailableUntil is null || now < AvailableUntil);

    public bool IsOpenTo(Guid tierId) => _tiers.Count == 0 || _tiers.Exists(t => t.TierId == tierId);

    /// <summary>
    /// The checks a member's redemption must pass before any points move. Stock and the per-member limit are
    /// checked again, race-free, inside the redemption itself.
    /// </summary>
    public void EnsureRedeemable(Guid tierId, int alreadyRedeemedByMember, DateTimeOffset now)
    {
        if (!IsAvailableAt(now))
        {
            throw new DomainException("reward_unavailable", "This reward is not available at the moment.");
        }

        if (!IsOpenTo(tierId))
        {
            throw new DomainException("reward_not_eligible", "This reward is not offered to your tier.");
        }

        if (Stock == 0)
        {
            throw OutOfStock();
        }

        if (PerMemberLimit is { } limit && alreadyRedeemedByMember >= limit)
        {
            throw LimitReached(limit);
        }
    }

    /// <summary>A new voucher for this reward, valid for <see cref="VoucherValidityDays"/> from <paramref name="now"/>.</summary>
    public Voucher Issue(Guid memberId, VoucherCode code, DateTimeOffset now) => Voucher.Issue(this, memberId, code, PointsCost, now);

    /// <summary>Issues a voucher bought at a member's price (the cost less their tier's discount).</summary>
    public Voucher Issue(Guid memberId, VoucherCode code, long pointsSpent, DateTimeOffset now) =>
        pointsSpent is < 0 || pointsSpent > PointsCost
            ? throw new ArgumentOutOfRangeException(nameof(pointsSpent), "A member never pays more than the reward's cost.")
            : Voucher.Issue(this, memberId, code, pointsSpent, now);

    public static DomainException OutOfStock() => new("reward_out_of_stock", "This reward is out of stock.");

    public static DomainException LimitReached(int limit) =>
        new("reward_limit_reached", limit == 1 ? "You have already redeemed this reward; it is limited to once per member." : $"You have already redeemed this reward {limit} times, the most allowed per member.");

    /// <summary>UTC at microsecond precision, what every provider stores: the reward reads back as it was given.</summary>
    private static DateTimeOffset? Stored(DateTimeOffset? instant) =>
        instant is { } t ? new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero) : null;

    private static void Check(RewardTerms terms)
    {
        if (string.IsNullOrWhiteSpace(terms.Name))
        {
            throw new DomainException("invalid_reward", "A reward needs a name.");
        }

        if (terms.PointsCost <= 0)
        {
            throw new DomainException("invalid_reward", "A reward costs at least one point.");
        }

        if (terms.Stock < 0)
        {
            throw new DomainException("invalid_reward", "Stock cannot be negative.");
        }

        if (terms.PerMemberLimit < 1)
        {
            throw new DomainException("invalid_reward", "A per-member limit allows at least one redemption.");
        }

        if (terms.Category?.Trim().Length > CategoryLength)
        {
            throw new DomainException("invalid_reward", $"A category has at most {CategoryLength} characters.");
        }

        if (terms.VoucherValidityDays is < 1 or > MaxVoucherValidityDays)
        {
            throw new DomainException("invalid_reward", $"A voucher stays valid between 1 and {MaxVoucherValidityDays} days.");
        }

        if (terms.AvailableFrom is { } from && terms.AvailableUntil is { } until && until <= from)
        {
            throw new DomainException("invalid_reward_window", "availableUntil must be later than availableFrom.");
        }
    }
}

/// <summary>One tier a reward is restricted to.</summary>
public sealed class RewardTier
{
    internal RewardTier(Guid rewardId, Guid tierId)
    {
        RewardId = rewardId;
        TierId = tierId;
    }

    public Guid RewardId { get; private set; }

    public Guid TierId { get; private set; }
}
