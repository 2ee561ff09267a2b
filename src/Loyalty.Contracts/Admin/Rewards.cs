using System.Text.Json.Serialization;
using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>
/// A reward for the catalogue. stock and perMemberLimit null mean unlimited; availableFrom/availableUntil null mean an
/// open window; eligibleTierIds empty or null means every tier. A voucher stays usable voucherValidityDays after issue.
/// category names the purchase category the reward is about (matched against what members buy for the next best offer).
/// interests (interest topic codes, optional): when the reward is active, members of its tiers interested in one of them
/// are notified (within the frequency cap, with consent).
/// </summary>
public sealed record CreateRewardRequest(
    string Name,
    [property: MultilineText] string? Description,
    long PointsCost,
    int? Stock,
    int? PerMemberLimit,
    DateTimeOffset? AvailableFrom,
    DateTimeOffset? AvailableUntil,
    IReadOnlyList<Guid>? EligibleTierIds,
    int VoucherValidityDays,
    bool IsActive = true,
    string? Category = null,
    IReadOnlyList<string>? Interests = null);

/// <summary>
/// A merge patch: only the fields present change. stock, perMemberLimit, availableFrom and availableUntil sent as null
/// remove that limit; eligibleTierIds [] opens the reward to every tier.
/// </summary>
public sealed class UpdateRewardRequest
{
    private readonly int? _stock;
    private readonly int? _perMemberLimit;
    private readonly DateTimeOffset? _availableFrom;
    private readonly DateTimeOffset? _availableUntil;
    private readonly string? _category;

    public string? Name { get; init; }

    [MultilineText]
    public string? Description { get; init; }

    public long? PointsCost { get; init; }

    /// <summary>Units left from now on; null means unlimited.</summary>
    public int? Stock
    {
        get => _stock;
        init => (_stock, HasStock) = (value, true);
    }

    /// <summary>Redemptions allowed per member; null means no limit.</summary>
    public int? PerMemberLimit
    {
        get => _perMemberLimit;
        init => (_perMemberLimit, HasPerMemberLimit) = (value, true);
    }

    public DateTimeOffset? AvailableFrom
    {
        get => _availableFrom;
        init => (_availableFrom, HasAvailableFrom) = (value, true);
    }

    public DateTimeOffset? AvailableUntil
    {
        get => _availableUntil;
        init => (_availableUntil, HasAvailableUntil) = (value, true);
    }

    public IReadOnlyList<Guid>? EligibleTierIds { get; init; }

    public int? VoucherValidityDays { get; init; }

    public bool? IsActive { get; init; }

    /// <summary>Interest topic codes the reward is about; [] removes them.</summary>
    public IReadOnlyList<string>? Interests { get; init; }

    /// <summary>The purchase category the reward is about; null removes it.</summary>
    public string? Category
    {
        get => _category;
        init => (_category, HasCategory) = (value, true);
    }

    [JsonIgnore]
    public bool HasCategory { get; private init; }

    [JsonIgnore]
    public bool HasStock { get; private init; }

    [JsonIgnore]
    public bool HasPerMemberLimit { get; private init; }

    [JsonIgnore]
    public bool HasAvailableFrom { get; private init; }

    [JsonIgnore]
    public bool HasAvailableUntil { get; private init; }
}

public sealed record RewardResponse(
    Guid Id,
    string Name,
    string Description,
    long PointsCost,
    int? Stock,
    int? PerMemberLimit,
    DateTimeOffset? AvailableFrom,
    DateTimeOffset? AvailableUntil,
    IReadOnlyList<Guid> EligibleTierIds,
    int VoucherValidityDays,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Category,
    IReadOnlyList<string> Interests);
