using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.AccountManagers;

public enum InteractionKind
{
    Call,
    Visit,
    Email,
    Meeting,
}

/// <summary>
/// One entry of a key account's interaction log: what happened, its outcome, and the next step with the date it is due.
/// Entries are kept as written; only the next step is marked done.
/// </summary>
public sealed class KeyAccountInteraction
{
    public const int MaxTextLength = 2000;

    private KeyAccountInteraction()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public InteractionKind Kind { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string Summary { get; private set; } = "";

    public string? Outcome { get; private set; }

    public string? NextStep { get; private set; }

    public DateTimeOffset? NextStepDueAt { get; private set; }

    public DateTimeOffset? NextStepDoneAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Open: a next step nobody has marked done yet.</summary>
    public bool HasOpenNextStep => NextStep is not null && NextStepDoneAt is null;

    public static KeyAccountInteraction Record(
        Guid memberId, InteractionKind kind, DateTimeOffset occurredAt, string summary, string? outcome, string? nextStep, DateTimeOffset? nextStepDueAt, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (occurredAt > now)
        {
            throw new DomainException("interaction_in_future", "An interaction is logged once it happened: occurredAt cannot be in the future.");
        }

        var step = string.IsNullOrWhiteSpace(nextStep) ? null : nextStep.Trim();
        if ((step is null) != (nextStepDueAt is null))
        {
            throw new DomainException("next_step_incomplete", "A next step needs a due date, and a due date needs a next step.");
        }

        return new()
        {
            Id = EntityId.New(),
            MemberId = memberId,
            Kind = kind,
            OccurredAt = occurredAt,
            Summary = summary.Trim(),
            Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim(),
            NextStep = step,
            NextStepDueAt = nextStepDueAt,
            RecordedBy = by,
            RecordedAt = now,
        };
    }

    public void CompleteNextStep(DateTimeOffset now)
    {
        if (NextStep is null)
        {
            throw new DomainException("no_next_step", "This interaction has no next step to complete.");
        }

        NextStepDoneAt ??= now;
    }
}
