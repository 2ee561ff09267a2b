using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Offers;

public enum OfferStatus
{
    /// <summary>Being prepared: terms and audience may change; no member sees it.</summary>
    Draft,

    /// <summary>Audience materialised (treatment and control recorded); treated members see and use it within the window.</summary>
    Published,

    /// <summary>Stopped early: no longer listed or applied; what was earned stays earned.</summary>
    Withdrawn,
}

public enum OfferBenefitKind
{
    /// <summary>A fixed number of points on a qualifying purchase.</summary>
    BonusPoints,

    /// <summary>Extra points on the base points of the basket lines of a category or SKU (factor 2 doubles them).</summary>
    Multiplier,

    /// <summary>A voucher for a reward of the catalogue, issued free on a qualifying purchase.</summary>
    Voucher,
}

/// <summary>Whether a targeted member receives the offer (treatment) or is held out to measure it (control).</summary>
public enum OfferGroup
{
    Treatment,
    Control,
}

/// <summary>
/// What an offer gives. Exactly the fields of its <see cref="Kind"/> are set: <see cref="BonusPoints"/>; or
/// <see cref="Factor"/> with a <see cref="Category"/> or a <see cref="Sku"/>; or <see cref="RewardId"/>.
/// </summary>
public sealed record OfferBenefit(OfferBenefitKind Kind, long? BonusPoints, decimal? Factor, string? Category, string? Sku, Guid? RewardId);

/// <summary>What marketing staff set on an offer; checked as a whole by <see cref="PersonalOffer.Create"/> and <see cref="PersonalOffer.Revise"/>.</summary>
/// <param name="Name">Shown to members.</param>
/// <param name="Description">Shown to members; may be empty.</param>
/// <param name="StartsAt">Window start (inclusive, UTC): purchases from this instant qualify.</param>
/// <param name="EndsAt">Window end (exclusive, UTC).</param>
/// <param name="PerMemberLimit">How many purchases of one member may use the offer.</param>
/// <param name="RequiresActivation">The member must activate ("clip") the offer in the app before a purchase uses it.</param>
/// <param name="ControlShare">Share of the audience held out as the control group (0 to 0.5).</param>
/// <param name="Benefit">What a qualifying purchase gets.</param>
/// <param name="SegmentId">The segment whose members it targets, or null for named members.</param>
public sealed record OfferTerms(
    string Name,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerMemberLimit,
    bool RequiresActivation,
    decimal ControlShare,
    OfferBenefit Benefit,
    Guid? SegmentId = null);

/// <summary>
/// A personal offer: a benefit for named members or a segment's members, within a window, up to a number of uses per member. Publishing
/// materialises its audience into <see cref="OfferAssignment"/> rows, a random <see cref="ControlShare"/> of them held
/// out as the control group, so its report can compare treated members with comparable ones who never saw it.
/// </summary>
public sealed class PersonalOffer
{
    public const int MaxPerMemberLimit = 1000;
    public const long MaxBonusPoints = 1_000_000;
    public const decimal MaxFactor = 10m;
    public const decimal MaxControlShare = 0.5m;

    private PersonalOffer()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public OfferStatus Status { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int PerMemberLimit { get; private set; }

    public bool RequiresActivation { get; private set; }

    public decimal ControlShare { get; private set; }

    public OfferBenefitKind BenefitKind { get; private set; }

    public long? BonusPoints { get; private set; }

    public decimal? Factor { get; private set; }

    public string? Category { get; private set; }

    public string? Sku { get; private set; }

    public Guid? RewardId { get; private set; }

    /// <summary>The segment whose current members are the audience at publication; null when members are named.</summary>
    public Guid? SegmentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>Members who receive the offer, fixed at publication.</summary>
    public int TreatmentCount { get; private set; }

    /// <summary>Members held out, fixed at publication.</summary>
    public int ControlCount { get; private set; }

    public OfferBenefit Benefit => new(BenefitKind, BonusPoints, Factor, Category, Sku, RewardId);

    public OfferTerms Terms => new(Name, Description, StartsAt, EndsAt, PerMemberLimit, RequiresActivation, ControlShare, Benefit, SegmentId);

    public static PersonalOffer Create(OfferTerms terms, DateTimeOffset now)
    {
        var offer = new PersonalOffer { Id = EntityId.New(), Status = OfferStatus.Draft, CreatedAt = now };
        offer.Apply(terms, now);
        return offer;
    }

    /// <summary>Replaces the terms of a draft; a published offer is fixed (its audience saw these terms).</summary>
    public void Revise(OfferTerms terms, DateTimeOffset now)
    {
        EnsureDraft();
        Apply(terms, now);
    }

    /// <summary>A draft whose window has not ended yet; checked before the audience is materialised.</summary>
    public void EnsurePublishable(DateTimeOffset now)
    {
        EnsureDraft();
        if (EndsAt <= now)
        {
            throw new DomainException("invalid_offer", "The offer's window has already ended; move endsAt before publishing.");
        }
    }

    /// <summary>Marks the offer published with the audience the set-based materialisation recorded.</summary>
    public void Publish(int treatment, int control, DateTimeOffset now)
    {
        EnsurePublishable(now);
        Status = OfferStatus.Published;
        TreatmentCount = treatment;
        ControlCount = control;
        PublishedAt = now;
        UpdatedAt = now;
    }

    public void Withdraw(DateTimeOffset now)
    {
        if (Status != OfferStatus.Published)
        {
            throw new DomainException("offer_not_published", "Only a published offer can be withdrawn.");
        }

        Status = OfferStatus.Withdrawn;
        WithdrawnAt = now;
        UpdatedAt = now;
    }

    /// <summary>Published and inside its window at <paramref name="at"/>.</summary>
    public bool IsOpenAt(DateTimeOffset at) => Status == OfferStatus.Published && StartsAt <= at && at < EndsAt;

    /// <summary>How many of an audience of <paramref name="audience"/> members the control group holds out: round(share × audience).</summary>
    public static int ControlSize(int audience, decimal share) => (int)decimal.Round(audience * share, MidpointRounding.AwayFromZero);

    private void EnsureDraft()
    {
        if (Status != OfferStatus.Draft)
        {
            throw new DomainException("offer_not_draft", "Only a draft offer can be changed or published.");
        }
    }

    private void Apply(OfferTerms terms, DateTimeOffset now)
    {
        Check(terms);
        Name = terms.Name.Trim();
        Description = terms.Description.Trim();
        StartsAt = Stored(terms.StartsAt);
        EndsAt = Stored(terms.EndsAt);
        PerMemberLimit = terms.PerMemberLimit;
        RequiresActivation = terms.RequiresActivation;
        ControlShare = terms.ControlShare;
        var b = terms.Benefit;
        BenefitKind = b.Kind;
        BonusPoints = b.Kind == OfferBenefitKind.BonusPoints ? b.BonusPoints : null;
        Factor = b.Kind == OfferBenefitKind.Multiplier ? b.Factor : null;
        Category = b.Kind == OfferBenefitKind.Multiplier ? Clean(b.Category) : null;
        Sku = b.Kind == OfferBenefitKind.Multiplier ? Clean(b.Sku) : null;
        RewardId = b.Kind == OfferBenefitKind.Voucher ? b.RewardId : null;
        SegmentId = terms.SegmentId;
        UpdatedAt = now;
    }

    private static void Check(OfferTerms terms)
    {
        if (string.IsNullOrWhiteSpace(terms.Name))
        {
            throw Invalid("An offer needs a name.");
        }

        if (terms.EndsAt <= terms.StartsAt)
        {
            throw Invalid("endsAt must be later than startsAt.");
        }

        if (terms.PerMemberLimit is < 1 or > MaxPerMemberLimit)
        {
            throw Invalid($"perMemberLimit is between 1 and {MaxPerMemberLimit}.");
        }

        if (terms.ControlShare is < 0 or > MaxControlShare)
        {
            throw Invalid($"controlShare is between 0 and {MaxControlShare}.");
        }

        var b = terms.Benefit ?? throw Invalid("An offer needs a benefit.");
        var ok = b.Kind switch
        {
            OfferBenefitKind.BonusPoints => b.BonusPoints is > 0 and <= MaxBonusPoints,
            OfferBenefitKind.Multiplier => b.Factor is > 1 and <= MaxFactor && (Clean(b.Category) is null) != (Clean(b.Sku) is null),
            OfferBenefitKind.Voucher => b.RewardId is not null,
            _ => false,
        };
        if (!ok)
        {
            throw Invalid(b.Kind switch
            {
                OfferBenefitKind.BonusPoints => $"A bonus-points offer gives between 1 and {MaxBonusPoints} points.",
                OfferBenefitKind.Multiplier => $"A multiplier offer has a factor above 1 and at most {MaxFactor}, on one category or one SKU.",
                _ => "A voucher offer names the reward (rewardId) whose voucher it gives.",
            });
        }
    }

    private static DomainException Invalid(string message) => new("invalid_offer", message);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>UTC at microsecond precision, what every provider stores.</summary>
    private static DateTimeOffset Stored(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
