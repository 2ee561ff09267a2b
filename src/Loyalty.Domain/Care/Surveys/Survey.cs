using Loyalty.Domain.Common;

namespace Loyalty.Domain.Care.Surveys;

/// <summary>What a survey follows.</summary>
public enum SurveyTouchpoint
{
    Purchase,
    CaseResolved,
    ClubEvent,
}

/// <summary>
/// A satisfaction survey asked of one member after a touchpoint: CSAT 1–5, NPS 0–10, free text, and for each
/// service dimension of the programme what the member expected and what they got (1–5 each).
/// <see cref="Sequence"/> numbers a member's surveys 1, 2, 3…; it is unique per member, so two requests racing for
/// the last place under the cap cannot both be stored.
/// </summary>
public sealed class Survey
{
    public const int MaxCommentLength = 2000;

    private Survey()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public long Sequence { get; private set; }

    public SurveyTouchpoint Touchpoint { get; private set; }

    /// <summary>The purchase, case or club-event registration the survey follows.</summary>
    public Guid TouchpointId { get; private set; }

    public Guid? StoreId { get; private set; }

    public Guid? PartnerId { get; private set; }

    /// <summary>The member's tier when asked, replaced by their tier when they answer.</summary>
    public Guid TierId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public int? Csat { get; private set; }

    public int? Nps { get; private set; }

    public string? Comment { get; private set; }

    public List<SurveyDimensionAnswer> Dimensions { get; private set; } = [];

    public bool IsPending(DateTimeOffset now) => AnsweredAt is null && ExpiresAt > now;

    public static Survey Request(Guid memberId, long sequence, SurveyTouchpoint touchpoint, Guid touchpointId, Guid? storeId, Guid? partnerId, Guid tierId, DateTimeOffset now, TimeSpan validFor) =>
        new()
        {
            Id = EntityId.New(),
            MemberId = memberId,
            Sequence = sequence,
            Touchpoint = touchpoint,
            TouchpointId = touchpointId,
            StoreId = storeId,
            PartnerId = partnerId,
            TierId = tierId,
            RequestedAt = now,
            ExpiresAt = now + validFor,
        };

    public void Answer(int csat, int nps, string? comment, IReadOnlyCollection<(string Dimension, int Expected, int Perceived)> dimensions, IReadOnlyCollection<string> programmeDimensions, Guid tierId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(programmeDimensions);
        if (AnsweredAt is not null)
        {
            throw new DomainException("survey_already_answered", "This survey was already answered.");
        }

        if (ExpiresAt <= now)
        {
            throw new DomainException("survey_expired", "This survey can no longer be answered.");
        }

        if (csat is < SurveyRules.MinCsat or > SurveyRules.MaxCsat || nps is < SurveyRules.MinNps or > SurveyRules.MaxNps
            || dimensions.Any(d => d.Expected is < SurveyRules.MinDimensionScore or > SurveyRules.MaxDimensionScore || d.Perceived is < SurveyRules.MinDimensionScore or > SurveyRules.MaxDimensionScore))
        {
            throw new DomainException("invalid_survey_answer", "CSAT is 1–5, NPS 0–10 and each dimension 1–5.");
        }

        var unknown = dimensions.Select(d => d.Dimension).Where(d => !programmeDimensions.Contains(d, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 || dimensions.Select(d => d.Dimension).Distinct(StringComparer.Ordinal).Count() != dimensions.Count)
        {
            throw new DomainException("unknown_service_dimension", "Each dimension must be one of the programme's, once: " + string.Join(", ", programmeDimensions) + ".");
        }

        AnsweredAt = now;
        TierId = tierId;
        Csat = csat;
        Nps = nps;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Dimensions = dimensions.Select(d => new SurveyDimensionAnswer(Id, d.Dimension, d.Expected, d.Perceived)).ToList();
    }
}

/// <summary>Expected and perceived for one service dimension of an answered survey.</summary>
public sealed class SurveyDimensionAnswer(Guid surveyId, string dimension, int expected, int perceived)
{
    public Guid SurveyId { get; private set; } = surveyId;

    public string Dimension { get; private set; } = dimension;

    public int Expected { get; private set; } = expected;

    public int Perceived { get; private set; } = perceived;
}

/// <summary>
/// A touchpoint the survey job has decided on, surveyed or not (over the cap): each touchpoint is looked at once.
/// </summary>
public sealed class SurveyTrigger
{
    private SurveyTrigger()
    {
    }

    public SurveyTouchpoint Touchpoint { get; private set; }

    public Guid TouchpointId { get; private set; }

    public Guid MemberId { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>Null when the member's cap was reached.</summary>
    public Guid? SurveyId { get; private set; }

    public static SurveyTrigger Decide(SurveyTouchpoint touchpoint, Guid touchpointId, Guid memberId, Guid? surveyId, DateTimeOffset now) =>
        new() { Touchpoint = touchpoint, TouchpointId = touchpointId, MemberId = memberId, SurveyId = surveyId, DecidedAt = now };
}
