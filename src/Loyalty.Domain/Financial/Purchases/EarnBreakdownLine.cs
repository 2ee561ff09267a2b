using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Financial.Purchases;

/// <summary>
/// One stored line of an earn breakdown, written with the points it explains and never changed: the rule id and
/// version and the description as they were, so a past purchase is explained by the rules it was earned under.
/// A purchase's lines carry its <see cref="PurchaseId"/>; an enrolment bonus's lines its <see cref="LedgerEntryId"/>.
/// </summary>
public sealed class EarnBreakdownLine
{
    private EarnBreakdownLine()
    {
    }

    public long Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid? PurchaseId { get; private set; }

    public long? LedgerEntryId { get; private set; }

    /// <summary>Position within its breakdown.</summary>
    public int Sequence { get; private set; }

    public string Kind { get; private set; } = "";

    public Guid? RuleId { get; private set; }

    public int? RuleVersion { get; private set; }

    public Guid? CampaignId { get; private set; }

    /// <summary>The personal offer an offer line comes from; the offer's report counts redemptions by it.</summary>
    public Guid? OfferId { get; private set; }

    public string Description { get; private set; } = "";

    public long Points { get; private set; }

    /// <summary>When the points were earned (the purchase time); caps count usage per UTC day and month of it.</summary>
    public DateTimeOffset EarnedAt { get; private set; }

    public static IEnumerable<EarnBreakdownLine> ForPurchase(Purchase purchase, EarnCalculation calculation) =>
        calculation.Lines.Select((line, i) => From(line, i, purchase.MemberId, purchase.PurchasedAt, purchase.Id, null));

    public static IEnumerable<EarnBreakdownLine> ForLedgerEntry(Guid memberId, long ledgerEntryId, DateTimeOffset at, EarnCalculation calculation) =>
        calculation.Lines.Select((line, i) => From(line, i, memberId, at, null, ledgerEntryId));

    public EarnLine ToEarnLine() => new(Kind, RuleId, RuleVersion, CampaignId, Description, Points, OfferId);

    private static EarnBreakdownLine From(EarnLine line, int sequence, Guid memberId, DateTimeOffset at, Guid? purchaseId, long? ledgerEntryId) =>
        new()
        {
            MemberId = memberId,
            PurchaseId = purchaseId,
            LedgerEntryId = ledgerEntryId,
            Sequence = sequence,
            Kind = line.Kind,
            RuleId = line.RuleId,
            RuleVersion = line.RuleVersion,
            CampaignId = line.CampaignId,
            OfferId = line.OfferId,
            Description = line.Description.Length > 300 ? line.Description[..300] : line.Description,
            Points = line.Points,
            EarnedAt = at,
        };
}
