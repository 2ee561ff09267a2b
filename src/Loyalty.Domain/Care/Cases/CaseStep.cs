using Loyalty.Domain.Common;

namespace Loyalty.Domain.Care.Cases;

/// <summary>
/// One step of a case: what is to be done and by when, when its owner was prompted (once) and when it was done,
/// with the note the member sees. Steps give the time per step in the reports.
/// </summary>
public sealed class CaseStep
{
    private CaseStep()
    {
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public int Number { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; } = "";

    /// <summary>When the follow-up job prompted the owner; set once, by a conditional update, so one prompt per step.</summary>
    public DateTimeOffset? PromptedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? CompletedBy { get; private set; }

    /// <summary>What was done, as the member reads it.</summary>
    public string? Note { get; private set; }

    public static CaseStep Set(Guid caseId, int number, string text, DateTimeOffset dueAt, string by, DateTimeOffset now) =>
        new() { Id = EntityId.New(), CaseId = caseId, Number = number, Text = text, DueAt = dueAt, SetAt = now, SetBy = by };

    public void Complete(string? note, string by, DateTimeOffset now)
    {
        if (CompletedAt is not null)
        {
            return;
        }

        CompletedAt = now;
        CompletedBy = by;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
