using System.Globalization;
using Loyalty.Domain.Insight.Value;

namespace Loyalty.Domain.Insight.Classes;

/// <summary>How a member relates to the programme, read from behaviour.</summary>
public enum MemberClass
{
    /// <summary>Regular, on time against their own rhythm, long enough a member, spending steadily.</summary>
    Loyal,

    /// <summary>Buys, but not (yet) with the regularity, tenure or steadiness of the loyal; or too little to tell.</summary>
    General,

    /// <summary>Overdue against their own rhythm, or gone quiet for half a year.</summary>
    Drifting,
}

/// <summary>A class with the words that justify it, built from the member's facts.</summary>
public sealed record MemberClassification(MemberClass Class, string Explanation);

/// <summary>
/// The class rule, in order:
/// <list type="number">
/// <item>never bought: drifting after <see cref="DormantDays"/> days of membership, general before;</item>
/// <item>fewer than two visits in the year (no rhythm): drifting when the last was <see cref="DormantDays"/> or more days ago, general otherwise;</item>
/// <item>drifting when the days since the last visit exceed <see cref="DriftFactor"/> × the usual interval and at least <see cref="MinDriftDays"/>;</item>
/// <item>loyal when all hold: last visit within <see cref="LoyalFactor"/> × the usual interval; at least <see cref="LoyalVisits"/> visits in the
/// year (<see cref="PromoterVisits"/> for a promoter); gaps regular (coefficient of variation ≤ <see cref="MaxSpread"/>); a member for
/// <see cref="LoyalTenureDays"/> days; the last quarter at least <see cref="MinRecentShare"/> of the year's spend; not a detractor;</item>
/// <item>general otherwise.</item>
/// </list>
/// Stated intent (the latest NPS answer, 0–10) is optional: a detractor (≤ 6) is never loyal; a promoter (≥ 9) needs fewer visits.
/// The scoring SQL applies the same thresholds, passed as parameters.
/// </summary>
public static class MemberClassRule
{
    public const int DormantDays = 180;
    public const double DriftFactor = 3.0;
    public const int MinDriftDays = 14;
    public const double LoyalFactor = 1.5;
    public const int LoyalVisits = 6;
    public const int PromoterVisits = 3;
    public const double MaxSpread = 1.0;
    public const int LoyalTenureDays = 180;
    public const double MinRecentShare = 0.15;
    public const int DetractorMax = 6;
    public const int PromoterMin = 9;

    public static MemberClass Classify(MemberFacts facts, int? nps = null) => Explain(facts, nps).Class;

    public static MemberClassification Explain(MemberFacts facts, int? nps = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.DaysSinceLastVisit is not { } since)
        {
            var joined = $"no purchase since joining {Days(facts.TenureDays)} ago";
            return new(facts.TenureDays >= DormantDays ? MemberClass.Drifting : MemberClass.General, joined);
        }

        if (facts.UsualInterval is not { } interval)
        {
            var few = $"{Purchases(facts.VisitsYear)} in the last year; last purchase {Days(since)} ago";
            return since >= DormantDays
                ? new(MemberClass.Drifting, few)
                : new(MemberClass.General, few + "; too few purchases to show a habit");
        }

        var usual = $"usually buys every {Days(interval)}; last purchase {Days(since)} ago";
        if (since > DriftFactor * interval && since >= MinDriftDays)
        {
            return new(MemberClass.Drifting, usual);
        }

        var missing = new List<string>();
        if (since > LoyalFactor * interval)
        {
            missing.Add("a little overdue");
        }

        var promoter = nps >= PromoterMin;
        var visitsNeeded = promoter ? PromoterVisits : LoyalVisits;
        if (facts.VisitsYear < visitsNeeded)
        {
            missing.Add($"{Purchases(facts.VisitsYear)} in the last year (loyal members make {visitsNeeded.ToString(CultureInfo.InvariantCulture)} or more)");
        }

        if (facts.IntervalSpread > MaxSpread)
        {
            missing.Add("visits irregular");
        }

        if (facts.TenureDays < LoyalTenureDays)
        {
            missing.Add($"a member for {Days(facts.TenureDays)} only");
        }

        if (facts.RecentSpendShare is not { } share || share < MinRecentShare)
        {
            missing.Add($"the last 90 days are {Percent(facts.RecentSpendShare ?? 0)} of the year's spend");
        }

        if (nps <= DetractorMax)
        {
            missing.Add($"said they are unlikely to recommend us (NPS {nps!.Value.ToString(CultureInfo.InvariantCulture)})");
        }

        if (missing.Count == 0)
        {
            var loyal = $"{usual}; {Purchases(facts.VisitsYear)} in the last year, regularly; a member for {Days(facts.TenureDays)}";
            return new(MemberClass.Loyal, promoter ? loyal + $"; would recommend us (NPS {nps!.Value.ToString(CultureInfo.InvariantCulture)})" : loyal);
        }

        return new(MemberClass.General, usual + "; " + string.Join("; ", missing));
    }

    internal static string Days(double days)
    {
        var whole = (long)Math.Round(days, MidpointRounding.AwayFromZero);
        return whole == 1 ? "1 day" : $"{whole.ToString(CultureInfo.InvariantCulture)} days";
    }

    internal static string Purchases(int count) =>
        count == 1 ? "1 purchase" : $"{count.ToString(CultureInfo.InvariantCulture)} purchases";

    internal static string Percent(double share) =>
        $"{Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} %";
}
