namespace Loyalty.Contracts.Events;

/// <summary>A case's next step has fallen due: its owner is prompted, once per step.</summary>
public sealed record CaseFollowUpDueV1(
    Guid CaseId,
    int StepNumber,
    string NextStep,
    DateTimeOffset DueAt,
    string Owner,
    DateTimeOffset PromptedAt) : ILoyaltyEvent
{
    public static string EventType => "case.follow_up_due";
}
