namespace Loyalty.Application.Features.Care;

/// <summary>
/// The programme's care settings (configuration section <c>Care</c>): who works cases nobody else owns, the care
/// lead breaches go to, the response time when a tier promises none, the survey cap and the service dimensions
/// surveys ask about.
/// </summary>
public sealed class CareOptions
{
    public const string Section = "Care";

    private static readonly string[] DefaultDimensions = ["speed", "friendliness", "knowledge", "reliability"];

    /// <summary>The staff user (token subject) who owns cases of members without an account manager.</summary>
    public string DefaultOwner { get; set; } = "care-desk";

    /// <summary>The care lead (token subject) a case escalates to when its service level is breached.</summary>
    public string Lead { get; set; } = "care-lead";

    /// <summary>First-response time when the member's tier names none (hours).</summary>
    public int DefaultResponseHours { get; set; } = Domain.Care.Cases.ServiceLevel.DefaultResponseHours;

    /// <summary>At most this many surveys per member in <see cref="SurveyCapWindowDays"/> (0 = no surveys).</summary>
    public int SurveyCap { get; set; } = 2;

    public int SurveyCapWindowDays { get; set; } = 30;

    /// <summary>How long a member may answer a survey.</summary>
    public int SurveyValidDays { get; set; } = 14;

    /// <summary>Touchpoints older than this are not surveyed (the job looks back this far).</summary>
    public int SurveyLookbackHours { get; set; } = 72;

    /// <summary>The service dimensions each survey asks about (expected and perceived); codes, lower case.</summary>
    public string[]? ServiceDimensions { get; set; }

    public IReadOnlyList<string> Dimensions => ServiceDimensions is { Length: > 0 } configured ? configured : DefaultDimensions;

    public TimeSpan SurveyCapWindow => TimeSpan.FromDays(SurveyCapWindowDays);
}
