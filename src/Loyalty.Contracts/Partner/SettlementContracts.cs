namespace Loyalty.Contracts.Partner;

/// <summary>
/// One store's (or the partner's total) points and money for a settlement period. <see cref="PointsIssued"/> =
/// <see cref="PointsEarned"/> − <see cref="PointsReversed"/>; values are points × the point value;
/// <see cref="NetAmount"/> = issued value − redeemed value (positive: the partner owes the programme).
/// </summary>
public sealed record SettlementLine(
    Guid? StoreId,
    string? StoreCode,
    string? StoreName,
    long PointsEarned,
    long PointsReversed,
    long PointsIssued,
    long PointsRedeemed,
    decimal IssuedValue,
    decimal RedeemedValue,
    decimal NetAmount);

/// <summary>
/// A partner's settlement for [<see cref="From"/>, <see cref="To"/>) in UTC. <see cref="Direction"/> is
/// <c>partner_owes_programme</c>, <c>programme_owes_partner</c> or <c>even</c>; <see cref="AmountOwed"/> is the
/// absolute net amount in <see cref="Currency"/>. Valued at the point value in force when the report is made.
/// </summary>
public sealed record SettlementResponse(
    Guid PartnerId,
    string PartnerName,
    DateTimeOffset From,
    DateTimeOffset To,
    decimal PointValue,
    string Currency,
    IReadOnlyList<SettlementLine> Stores,
    SettlementLine Totals,
    string Direction,
    decimal AmountOwed,
    DateTimeOffset GeneratedAt);
