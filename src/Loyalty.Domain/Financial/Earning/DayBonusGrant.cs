namespace Loyalty.Domain.Financial.Earning;

/// <summary>
/// A birthday or anniversary bonus the daily job credited: one per rule, member and year (a unique key), so two
/// instances running the job at once, or a rerun, credit it once.
/// </summary>
public sealed class DayBonusGrant
{
    private DayBonusGrant()
    {
    }

    public long Id { get; private set; }

    /// <summary>The rule's stable id (any version): revising a rule does not pay the same year twice.</summary>
    public Guid RuleId { get; private set; }

    public int RuleVersion { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The year of the birthday or anniversary the bonus celebrates.</summary>
    public int Year { get; private set; }

    /// <summary>The day celebrated (28 February for a 29 February date in other years).</summary>
    public DateOnly Day { get; private set; }

    public long LedgerEntryId { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public static DayBonusGrant Create(EarningRule rule, Guid memberId, DateOnly day, long ledgerEntryId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new DayBonusGrant
        {
            RuleId = rule.Id,
            RuleVersion = rule.Version,
            MemberId = memberId,
            Year = day.Year,
            Day = day,
            LedgerEntryId = ledgerEntryId,
            GrantedAt = now,
        };
    }
}
