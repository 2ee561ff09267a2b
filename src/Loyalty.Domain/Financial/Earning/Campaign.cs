using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Earning;

public enum CampaignStatus
{
    Scheduled,
    Running,
    Ended,
}

/// <summary>
/// What marketing staff set on a campaign. All times are UTC: the window is [From, Until), hours are
/// [FromHour, UntilHour) of the UTC day, weekdays are UTC weekdays. Null lists mean "no restriction".
/// </summary>
public sealed record CampaignDefinition(
    string Name,
    string? Description,
    DateTimeOffset From,
    DateTimeOffset? Until,
    IReadOnlyList<DayOfWeek>? Weekdays,
    int? FromHour,
    int? UntilHour,
    IReadOnlyList<Guid>? TierIds,
    IReadOnlyList<Guid>? PartnerIds)
{
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            problems.Add(("name", "name is required, at most 100 characters."));
        }

        if (Description is { Length: > 500 })
        {
            problems.Add(("description", "description takes at most 500 characters."));
        }

        if (Until is not null && Until <= From)
        {
            problems.Add(("until", "until must be after from."));
        }

        if (Weekdays is not null && (Weekdays.Count == 0 || Weekdays.Distinct().Count() != Weekdays.Count || Weekdays.Any(d => !Enum.IsDefined(d))))
        {
            problems.Add(("weekdays", "weekdays must list distinct days (Monday…Sunday) and cannot be empty: leave it out for every day."));
        }

        if ((FromHour is null) != (UntilHour is null))
        {
            problems.Add(("fromHour", "fromHour and untilHour go together."));
        }
        else if (FromHour is not null && (FromHour is < 0 or > 23 || UntilHour is < 1 or > 24 || UntilHour <= FromHour))
        {
            problems.Add(("untilHour", "Hours are 0 ≤ fromHour < untilHour ≤ 24 (UTC), e.g. 17 and 20 for 17:00–20:00."));
        }

        foreach (var (list, field) in new[] { (TierIds, "tierIds"), (PartnerIds, "partnerIds") })
        {
            if (list is not null && (list.Count == 0 || list.Count > EarningRuleDefinition.MaxListItems || list.Contains(Guid.Empty)))
            {
                problems.Add((field, $"{field} must list 1–{EarningRuleDefinition.MaxListItems} ids: leave it out for no restriction."));
            }
        }

        return problems;
    }
}

/// <summary>
/// A named set of rules active in a time window, optionally only on some weekdays and hours and for some tiers or
/// partners. A rule that belongs to a campaign applies only while the campaign's conditions hold as well.
/// Campaigns change in place (audited); the purchases they touched keep their own description of the rules.
/// </summary>
public sealed class Campaign
{
    private Campaign()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public DateTimeOffset From { get; private set; }

    /// <summary>Exclusive end; null while open-ended.</summary>
    public DateTimeOffset? Until { get; private set; }

    public IReadOnlyList<DayOfWeek>? Weekdays { get; private set; }

    public int? FromHour { get; private set; }

    public int? UntilHour { get; private set; }

    public IReadOnlyList<Guid>? TierIds { get; private set; }

    public IReadOnlyList<Guid>? PartnerIds { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Set when staff ended the campaign early.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public static Campaign Create(CampaignDefinition definition, DateTimeOffset now)
    {
        var campaign = new Campaign { Id = EntityId.New(), CreatedAt = now };
        campaign.Apply(definition, now);
        return campaign;
    }

    public CampaignStatus StatusAt(DateTimeOffset now) =>
        now < From ? CampaignStatus.Scheduled : Until is { } until && now >= until ? CampaignStatus.Ended : CampaignStatus.Running;

    public void Update(CampaignDefinition definition, DateTimeOffset now)
    {
        if (StatusAt(now) == CampaignStatus.Ended)
        {
            throw new DomainException("campaign_ended", "The campaign has ended; create a new one.");
        }

        Apply(definition, now);
    }

    /// <summary>Ends the campaign now: purchases from this instant on no longer qualify.</summary>
    public void End(DateTimeOffset now)
    {
        if (StatusAt(now) == CampaignStatus.Ended)
        {
            throw new DomainException("campaign_ended", "The campaign has already ended.");
        }

        Until = now < From ? From : now;
        EndedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Whether a purchase at <paramref name="at"/> (UTC) by a member of <paramref name="tierId"/> at <paramref name="partnerId"/> qualifies.</summary>
    public bool Covers(DateTimeOffset at, Guid tierId, Guid? partnerId)
    {
        var utc = at.ToUniversalTime();
        return utc >= From
            && (Until is null || utc < Until)
            && (Weekdays is null || Weekdays.Contains(utc.DayOfWeek))
            && (FromHour is null || (utc.Hour >= FromHour && utc.Hour < UntilHour))
            && (TierIds is null || TierIds.Contains(tierId))
            && (PartnerIds is null || (partnerId is { } p && PartnerIds.Contains(p)));
    }

    private void Apply(CampaignDefinition d, DateTimeOffset now)
    {
        var problems = d.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException("invalid_campaign", string.Join(" ", problems.Select(p => p.Message)));
        }

        Name = Names.Clean(d.Name);
        Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim();
        From = d.From;
        Until = d.Until;
        Weekdays = d.Weekdays?.Order().ToList();
        FromHour = d.FromHour;
        UntilHour = d.UntilHour;
        TierIds = d.TierIds?.Distinct().ToList();
        PartnerIds = d.PartnerIds?.Distinct().ToList();
        UpdatedAt = now;
    }
}
