using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Tiers;

/// <summary>Which purchases count towards qualifying and keeping a tier.</summary>
public enum QualificationWindowKind
{
    /// <summary>The last N months up to now; a tier is reviewed N months after it was reached, then every N months.</summary>
    RollingMonths,

    /// <summary>The calendar year (UTC); every tier is reviewed at the end of the year.</summary>
    CalendarYear,

    /// <summary>Everything since the member's last tier change; reviewed N months after that change.</summary>
    SinceLastChange,
}

/// <summary>Where a member who did not keep their tier lands.</summary>
public enum DowngradeMode
{
    /// <summary>One rank down, whatever they did.</summary>
    OneTier,

    /// <summary>Straight to the highest tier their activity in the window qualifies for.</summary>
    ToQualifiedTier,
}

/// <summary>The scheme-wide rules of qualification.</summary>
public sealed record TierProgrammeSettings(QualificationWindowKind WindowKind, int WindowMonths, int GraceDays, DowngradeMode DowngradeMode, string SpendCurrency)
{
    public const int MaxWindowMonths = 36;
    public const int MaxGraceDays = 366;

    public static TierProgrammeSettings Default { get; } = new(QualificationWindowKind.RollingMonths, 12, 30, DowngradeMode.OneTier, "EUR");

    public void Validate()
    {
        if (WindowKind != QualificationWindowKind.CalendarYear && WindowMonths is < 1 or > MaxWindowMonths)
        {
            throw new DomainException("invalid_window", $"A rolling or since-last-change window lasts 1–{MaxWindowMonths} months.");
        }

        if (GraceDays is < 0 or > MaxGraceDays)
        {
            throw new DomainException("invalid_grace_period", $"A grace period lasts 0–{MaxGraceDays} days.");
        }

        if (!Money.IsCurrencyCode(SpendCurrency))
        {
            throw new DomainException("invalid_currency", "The spend currency must be an ISO 4217 code such as EUR.");
        }
    }
}

/// <summary>The qualification rules in force (one row), materialised from the scheme version that took effect last.</summary>
public sealed class TierProgramme
{
    public const int SingletonId = 1;

    private TierProgramme()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public QualificationWindowKind WindowKind { get; private set; }

    public int WindowMonths { get; private set; }

    public int GraceDays { get; private set; }

    public DowngradeMode DowngradeMode { get; private set; }

    public string SpendCurrency { get; private set; } = "EUR";

    public DateTimeOffset UpdatedAt { get; private set; }

    public TierProgrammeSettings Settings => new(WindowKind, WindowMonths, GraceDays, DowngradeMode, SpendCurrency);

    public static TierProgramme Create(TierProgrammeSettings settings, DateTimeOffset now)
    {
        var programme = new TierProgramme();
        programme.Apply(settings, now);
        return programme;
    }

    public void Apply(TierProgrammeSettings settings, DateTimeOffset now)
    {
        settings.Validate();
        (WindowKind, WindowMonths, GraceDays, DowngradeMode, SpendCurrency) =
            (settings.WindowKind, settings.WindowKind == QualificationWindowKind.CalendarYear ? 12 : settings.WindowMonths, settings.GraceDays, settings.DowngradeMode, settings.SpendCurrency.ToUpperInvariant());
        UpdatedAt = now;
    }
}
