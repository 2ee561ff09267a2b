namespace Loyalty.Application.Features.Insight;

/// <summary>Insight settings (configuration section <c>Insight</c>).</summary>
public sealed class InsightOptions
{
    public const string Section = "Insight";

    /// <summary>
    /// How many scoring runs the refresh keeps (each holds a row per active member); older runs and their rows are
    /// deleted by the refresh. At least 2, so class transitions always have a run to compare with.
    /// </summary>
    public int KeepRuns { get; set; } = 12;
}
