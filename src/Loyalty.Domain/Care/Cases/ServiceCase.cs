using Loyalty.Domain.Common;

namespace Loyalty.Domain.Care.Cases;

public enum CaseCategory
{
    Product,
    Service,
    Points,
    Rewards,
    Billing,
    Store,
    Partner,
    App,
    Other,
}

public enum CaseChannel
{
    App,
    Till,
    Phone,
    Email,
}

public enum CaseSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum CaseStatus
{
    Open,
    Resolved,
}

public enum CaseOutcome
{
    Upheld,
    PartlyUpheld,
    NotUpheld,
    Withdrawn,
}

/// <summary>
/// A complaint or service request of one member. It always has a next step with a due time while open; the service
/// level (first response due) is fixed when it is opened, from the member's tier at that moment.
/// </summary>
public sealed class ServiceCase
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;
    public const long MaxGoodwillPoints = 100_000;

    private ServiceCase()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The member's tier when the case was opened (reports per tier).</summary>
    public Guid TierId { get; private set; }

    public CaseCategory Category { get; private set; }

    public CaseChannel Channel { get; private set; }

    public CaseSeverity Severity { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public Guid? PurchaseId { get; private set; }

    public Guid? StoreId { get; private set; }

    public Guid? PartnerId { get; private set; }

    /// <summary>The staff user (token subject) who works the case.</summary>
    public string Owner { get; private set; } = "";

    public string OpenedBy { get; private set; } = "";

    public DateTimeOffset OpenedAt { get; private set; }

    public bool Priority { get; private set; }

    public int ResponseHours { get; private set; }

    /// <summary>When the first response is due: the service level.</summary>
    public DateTimeOffset ServiceLevelDueAt { get; private set; }

    public DateTimeOffset? FirstResponseAt { get; private set; }

    /// <summary>The current step's number (1 = the first response); its row in <see cref="CaseStep"/> holds the text.</summary>
    public int StepNumber { get; private set; }

    public string NextStep { get; private set; } = "";

    public DateTimeOffset NextStepDueAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public string? EscalatedTo { get; private set; }

    public CaseStatus Status { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public CaseOutcome? Outcome { get; private set; }

    public string? Resolution { get; private set; }

    public long GoodwillPoints { get; private set; }

    public long? GoodwillLedgerEntryId { get; private set; }

    public bool IsDue(DateTimeOffset now) => Status == CaseStatus.Open && NextStepDueAt <= now;

    public static (ServiceCase Case, CaseStep FirstStep) Open(
        Guid memberId, Guid tierId, CaseCategory category, CaseChannel channel, CaseSeverity severity, string title, string description,
        Guid? purchaseId, Guid? storeId, Guid? partnerId, string owner, string openedBy, int responseHours, bool priority, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        var due = ServiceLevel.DueAt(now, responseHours);
        var serviceCase = new ServiceCase
        {
            Id = EntityId.New(),
            MemberId = memberId,
            TierId = tierId,
            Category = category,
            Channel = channel,
            Severity = severity,
            Title = title.Trim(),
            Description = description.Trim(),
            PurchaseId = purchaseId,
            StoreId = storeId,
            PartnerId = partnerId,
            Owner = owner,
            OpenedBy = openedBy,
            OpenedAt = now,
            Priority = priority,
            ResponseHours = responseHours,
            ServiceLevelDueAt = due,
            StepNumber = 1,
            NextStep = "First response to the member",
            NextStepDueAt = due,
            Status = CaseStatus.Open,
        };
        return (serviceCase, CaseStep.Set(serviceCase.Id, 1, serviceCase.NextStep, due, openedBy, now));
    }

    /// <summary>
    /// Staff record what they did (the member sees it) and set the next step. The first one is the first response.
    /// Returns the new step; the caller completes the current one.
    /// </summary>
    public CaseStep Progress(string nextStep, DateTimeOffset nextStepDueAt, string by, DateTimeOffset now)
    {
        EnsureOpen();
        if (nextStepDueAt <= now)
        {
            throw new DomainException("next_step_due_in_past", "The next step must be due in the future.");
        }

        FirstResponseAt ??= now;
        StepNumber++;
        NextStep = nextStep.Trim();
        NextStepDueAt = nextStepDueAt;
        return CaseStep.Set(Id, StepNumber, NextStep, nextStepDueAt, by, now);
    }

    public void Reassign(string owner)
    {
        EnsureOpen();
        Owner = owner;
    }

    public void Escalate(string lead, DateTimeOffset now)
    {
        EscalatedAt ??= now;
        EscalatedTo ??= lead;
    }

    public void Resolve(CaseOutcome outcome, string resolution, long goodwillPoints, DateTimeOffset now)
    {
        EnsureOpen();
        if (goodwillPoints is < 0 or > MaxGoodwillPoints)
        {
            throw new DomainException("invalid_goodwill_points", $"Goodwill points must be between 0 and {MaxGoodwillPoints}.");
        }

        Status = CaseStatus.Resolved;
        ResolvedAt = now;
        FirstResponseAt ??= now; // the resolution answers the member if nothing did before
        Outcome = outcome;
        Resolution = resolution.Trim();
        GoodwillPoints = goodwillPoints;
    }

    public void LinkGoodwill(long ledgerEntryId) => GoodwillLedgerEntryId = ledgerEntryId;

    private void EnsureOpen()
    {
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("case_resolved", "The case is resolved; nothing more can be done on it.");
        }
    }
}
