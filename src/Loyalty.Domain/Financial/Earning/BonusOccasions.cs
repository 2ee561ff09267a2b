namespace Loyalty.Domain.Financial.Earning;

/// <summary>
/// Birthdays and membership anniversaries as calendar days (UTC). A date of 29 February is celebrated on
/// 28 February in years without one: still in February, the month a birthday-month rule already uses, and never
/// in the next month's period.
/// </summary>
public static class BonusOccasions
{
    /// <summary>The day in <paramref name="year"/> that celebrates <paramref name="origin"/>; null up to the origin's own year.</summary>
    public static DateOnly? InYear(DateOnly origin, int year)
    {
        if (year <= origin.Year || year > DateOnly.MaxValue.Year)
        {
            return null;
        }

        return origin is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 2, 28)
            : new DateOnly(year, origin.Month, origin.Day);
    }

    /// <summary>Whether <paramref name="day"/> celebrates <paramref name="origin"/>.</summary>
    public static bool FallsOn(DateOnly origin, DateOnly day) => InYear(origin, day.Year) == day;

    /// <summary>
    /// The origin month-days celebrated on <paramref name="day"/>: its own, and 29 February on 28 February of a
    /// year without one. What the daily job looks members up by.
    /// </summary>
    public static IReadOnlyList<(int Month, int Day)> OriginsCelebratedOn(DateOnly day) =>
        day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year)
            ? [(2, 28), (2, 29)]
            : [(day.Month, day.Day)];
}
