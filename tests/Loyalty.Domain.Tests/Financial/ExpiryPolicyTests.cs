using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Policies;

namespace Loyalty.Domain.Tests.Financial;

public sealed class ExpiryPolicyTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Points_that_never_expire_have_no_date() =>
        Assert.Null(ExpiryPolicy.Never.ExpiresAt(At("2026-03-15T10:00:00Z")));

    [Theory]
    [InlineData("2026-03-15T10:00:00Z", 24, "None", "2028-03-15T10:00:00Z")]
    [InlineData("2026-03-15T10:00:00Z", 24, "EndOfMonth", "2028-04-01T00:00:00Z")]
    [InlineData("2026-03-15T10:00:00Z", 1, "EndOfQuarter", "2026-07-01T00:00:00Z")]
    [InlineData("2026-06-30T23:59:59Z", 0, "EndOfQuarter", "2026-07-01T00:00:00Z")]
    [InlineData("2026-07-01T00:00:00Z", 0, "EndOfQuarter", "2026-10-01T00:00:00Z")]
    [InlineData("2026-03-15T10:00:00Z", 12, "EndOfYear", "2028-01-01T00:00:00Z")]
    [InlineData("2026-01-31T10:00:00Z", 1, "None", "2026-02-28T10:00:00Z")]
    public void A_period_in_months_is_counted_from_earning_and_rounded_up(string earned, int months, string rounding, string expected)
    {
        var policy = new ExpiryPolicy(ExpiryKind.AfterPeriod, months, PeriodUnit.Months, Enum.Parse<ExpiryRounding>(rounding));
        Assert.Equal(At(expected), policy.ExpiresAt(At(earned)));
    }

    [Fact]
    public void A_period_in_days_counts_days() =>
        Assert.Equal(At("2026-04-14T10:00:00Z"), new ExpiryPolicy(ExpiryKind.AfterPeriod, 30, PeriodUnit.Days).ExpiresAt(At("2026-03-15T10:00:00Z")));

    [Theory]
    [InlineData("2026-03-15T10:00:00Z", 0, "2027-01-01T00:00:00Z")]
    [InlineData("2026-12-31T23:59:59Z", 0, "2027-01-01T00:00:00Z")]
    [InlineData("2026-03-15T10:00:00Z", 12, "2028-01-01T00:00:00Z")]
    [InlineData("2026-11-15T10:00:00Z", 2, "2028-01-01T00:00:00Z")]
    public void A_fixed_yearly_date_takes_the_first_one_after_the_minimum_age(string earned, int minimumMonths, string expected) =>
        Assert.Equal(At(expected), new ExpiryPolicy(ExpiryKind.FixedDate, minimumMonths, FixedMonth: 12, FixedDay: 31).ExpiresAt(At(earned)));

    [Theory]
    [InlineData(ExpiryKind.AfterPeriod, 0, 12, 31)]
    [InlineData(ExpiryKind.AfterPeriod, 4000, 12, 31)]
    [InlineData(ExpiryKind.FixedDate, 0, 2, 29)]
    [InlineData(ExpiryKind.FixedDate, 0, 13, 1)]
    [InlineData(ExpiryKind.FixedDate, -1, 6, 30)]
    public void Impossible_policies_are_refused(ExpiryKind kind, int length, int month, int day)
    {
        var error = Assert.Throws<DomainException>(() => new ExpiryPolicy(kind, length, FixedMonth: month, FixedDay: day).Validated());
        Assert.Equal("invalid_expiry_policy", error.Code);
    }
}
