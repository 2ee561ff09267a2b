using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Policies;

public enum ExpiryKind
{
    /// <summary>Points never expire.</summary>
    Never,

    /// <summary>A period after earning (e.g. 24 months), optionally rounded up to the end of a month, quarter or year.</summary>
    AfterPeriod,

    /// <summary>Every year on a fixed date: points expire on the first such date at least <c>Length</c> months after earning (0 = the next one).</summary>
    FixedDate,
}

public enum PeriodUnit
{
    Days,
    Months,
}

public enum ExpiryRounding
{
    None,
    EndOfMonth,
    EndOfQuarter,
    EndOfYear,
}

/// <summary>
/// When points earned at a given instant expire. Dates are UTC; "end of month" means the first instant of the next
/// month, so a lot is still usable for the whole last day.
/// </summary>
public sealed record ExpiryPolicy(ExpiryKind Kind, int Length = 0, PeriodUnit Unit = PeriodUnit.Months, ExpiryRounding Rounding = ExpiryRounding.None, int FixedMonth = 12, int FixedDay = 31)
{
    public static readonly ExpiryPolicy Never = new(ExpiryKind.Never);

    /// <summary>Throws a <see cref="DomainException"/> naming what is wrong.</summary>
    public ExpiryPolicy Validated()
    {
        switch (Kind)
        {
            case ExpiryKind.Never:
                break;
            case ExpiryKind.AfterPeriod when Length is < 1 or > 3650:
                throw new DomainException("invalid_expiry_policy", "An expiry period is between 1 and 3650 days or months.");
            case ExpiryKind.FixedDate when Length is < 0 or > 120:
                throw new DomainException("invalid_expiry_policy", "The minimum age before a fixed-date expiry is between 0 and 120 months.");
            case ExpiryKind.FixedDate when FixedMonth is < 1 or > 12 || FixedDay < 1 || FixedDay > DateTime.DaysInMonth(2001, FixedMonth):
                throw new DomainException("invalid_expiry_policy", "The fixed expiry date is not a day of the year (29 February is not allowed).");
        }

        return this;
    }

    /// <summary>The instant points earned at <paramref name="earnedAt"/> expire, or null if they never do.</summary>
    public DateTimeOffset? ExpiresAt(DateTimeOffset earnedAt)
    {
        var at = earnedAt.ToUniversalTime();
        return Kind switch
        {
            ExpiryKind.Never => null,
            ExpiryKind.AfterPeriod => RoundUp(Unit == PeriodUnit.Days ? at.AddDays(Length) : at.AddMonths(Length), Rounding),
            ExpiryKind.FixedDate => NextFixedDate(at.AddMonths(Length)),
            _ => throw new InvalidOperationException($"Unknown expiry kind {Kind}."),
        };
    }

    private DateTimeOffset NextFixedDate(DateTimeOffset notBefore)
    {
        // The fixed date's end, i.e. the first instant of the following day.
        var candidate = new DateTimeOffset(notBefore.Year, FixedMonth, FixedDay, 0, 0, 0, TimeSpan.Zero).AddDays(1);
        return candidate > notBefore ? candidate : candidate.AddYears(1);
    }

    private static DateTimeOffset RoundUp(DateTimeOffset at, ExpiryRounding rounding)
    {
        var monthStart = new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return rounding switch
        {
            ExpiryRounding.None => at,
            ExpiryRounding.EndOfMonth => monthStart.AddMonths(1),
            ExpiryRounding.EndOfQuarter => monthStart.AddMonths(3 - ((at.Month - 1) % 3)),
            ExpiryRounding.EndOfYear => new DateTimeOffset(at.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new InvalidOperationException($"Unknown rounding {rounding}."),
        };
    }
}
