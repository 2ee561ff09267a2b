using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Members;

public enum MemberStatus
{
    Active,
    Suspended,
    Closed,

    /// <summary>A duplicate folded into another member (<see cref="Member.MergedIntoMemberId"/>); final.</summary>
    Merged,
}

public enum EnrolmentChannel
{
    App,
    Store,
    Admin,
}

/// <summary>A person in the club. Their points live in <see cref="Financial.Ledger.PointsAccount"/>.</summary>
public sealed class Member
{
    private Member()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The identity provider's subject (<c>sub</c>) once the member uses the app; null for till-only members.</summary>
    public string? ExternalId { get; private set; }

    public string MemberNumber { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public string Email { get; private set; } = "";

    /// <summary>Upper-cased (invariant) e-mail, indexed for look-ups that must not care about case.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public string? Phone { get; private set; }

    /// <summary>The phone in one spelling for look-ups (<see cref="Customised.Profiles.PhoneNumbers.Normalise"/>).</summary>
    public string? PhoneNormalised { get; private set; }

    public DateOnly? BirthDate { get; private set; }

    public MemberStatus Status { get; private set; }

    public Guid TierId { get; private set; }

    /// <summary>When the member reached their current tier (enrolment for the entry tier).</summary>
    public DateTimeOffset TierSince { get; private set; }

    /// <summary>When the member's hold on their tier is next reviewed; null in the entry tier (nothing to lose).</summary>
    public DateTimeOffset? TierReviewAt { get; private set; }

    /// <summary>Set while the member missed the retention threshold at a review and has until then to catch up.</summary>
    public DateTimeOffset? TierGraceUntil { get; private set; }

    public EnrolmentChannel EnrolmentChannel { get; private set; }

    public Guid? EnrolledAtPartnerId { get; private set; }

    public Guid? EnrolledAtStoreId { get; private set; }

    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>When the status last changed (suspended, reactivated, closed, merged); null while it never did.</summary>
    public DateTimeOffset? StatusChangedAt { get; private set; }

    /// <summary>The surviving member a duplicate was merged into.</summary>
    public Guid? MergedIntoMemberId { get; private set; }

    /// <summary>Set once personal data was anonymised; the row stays so the ledger and purchases still add up.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public static Member Enrol(
        MemberNumber number,
        MemberDetails details,
        Guid tierId,
        EnrolmentChannel channel,
        DateTimeOffset now,
        string? externalId = null,
        Guid? partnerId = null,
        Guid? storeId = null) =>
        new()
        {
            Id = EntityId.New(),
            ExternalId = externalId,
            MemberNumber = number.Value,
            FirstName = details.FirstName.Trim(),
            LastName = details.LastName.Trim(),
            Email = details.Email.Trim(),
            NormalizedEmail = details.Email.Trim().ToUpperInvariant(),
            Phone = string.IsNullOrWhiteSpace(details.Phone) ? null : details.Phone.Trim(),
            PhoneNormalised = Customised.Profiles.PhoneNumbers.Normalise(details.Phone),
            BirthDate = details.BirthDate,
            Status = MemberStatus.Active,
            TierId = tierId,
            TierSince = now,
            EnrolmentChannel = channel,
            EnrolledAtPartnerId = partnerId,
            EnrolledAtStoreId = storeId,
            EnrolledAt = now,
        };

    /// <summary>What a till shows: first name and the initial of the last name, nothing a bystander could misuse.</summary>
    public string DisplayName => LastName.Length == 0 ? FirstName : $"{FirstName} {LastName[0]}.";

    /// <summary>Earning and spending need an active member; a suspended, closed or merged one is refused with a clear code.</summary>
    public void EnsureCanTransact()
    {
        switch (Status)
        {
            case MemberStatus.Suspended:
                throw new DomainException("member_suspended", "The member is suspended and cannot earn or spend points.");
            case MemberStatus.Closed:
                throw new DomainException("member_closed", "The membership is closed.");
            case MemberStatus.Merged:
                throw new DomainException("member_merged", "This membership was merged into another one; use that member's card.");
        }
    }

    /// <summary>Stops earning and spending until reactivated (e.g. suspected fraud); reading stays possible.</summary>
    public void Suspend(DateTimeOffset now)
    {
        EnsureNotFinal();
        if (Status == MemberStatus.Suspended)
        {
            throw new DomainException("member_already_suspended", "The member is already suspended.");
        }

        SetStatus(MemberStatus.Suspended, now);
    }

    public void Reactivate(DateTimeOffset now)
    {
        EnsureNotFinal();
        if (Status != MemberStatus.Suspended)
        {
            throw new DomainException("member_not_suspended", "Only a suspended member can be reactivated.");
        }

        SetStatus(MemberStatus.Active, now);
    }

    /// <summary>Ends the membership for good, from active or suspended. What happens to the points is the caller's (ledger's) part.</summary>
    public void Close(DateTimeOffset now)
    {
        EnsureNotFinal();
        SetStatus(MemberStatus.Closed, now);
    }

    /// <summary>
    /// Checks that <paramref name="duplicate"/> may be folded into this member: two different members, this one still
    /// open (active or suspended), the duplicate not merged already and not erased (nobody could tell it was a duplicate).
    /// </summary>
    public void EnsureCanAbsorb(Member duplicate)
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        if (duplicate.Id == Id)
        {
            throw new DomainException("merge_into_self", "A member cannot be merged into itself.");
        }

        switch (Status)
        {
            case MemberStatus.Closed:
                throw new DomainException("survivor_closed", "The member to merge into is closed.");
            case MemberStatus.Merged:
                throw new DomainException("survivor_merged", "The member to merge into was itself merged into another member; merge into that one.");
        }

        if (ErasedAt is not null || duplicate.ErasedAt is not null)
        {
            throw new DomainException("member_erased", "An erased member cannot take part in a merge.");
        }

        if (duplicate.Status == MemberStatus.Merged && duplicate.MergedIntoMemberId != Id)
        {
            throw new DomainException("member_already_merged", "The duplicate was already merged into another member.");
        }
    }

    /// <summary>
    /// Folds <paramref name="duplicate"/> into this member: the duplicate becomes Merged; this member keeps the higher
    /// tier, with the duplicate's standing in it (since, review, grace) when that one is higher. True when the tier changed.
    /// </summary>
    public bool Absorb(Member duplicate, int duplicateTierRank, int ownTierRank, DateTimeOffset now)
    {
        EnsureCanAbsorb(duplicate);
        var tierChanged = duplicateTierRank > ownTierRank;
        if (tierChanged)
        {
            (TierId, TierSince, TierReviewAt, TierGraceUntil) = (duplicate.TierId, duplicate.TierSince, duplicate.TierReviewAt, duplicate.TierGraceUntil);
        }

        // A till-only member takes over the duplicate's app login, so the person signs in to the surviving account.
        if (ExternalId is null && duplicate.ExternalId is not null)
        {
            ExternalId = duplicate.ExternalId;
            duplicate.ExternalId = null;
        }

        if (duplicate.Status != MemberStatus.Merged)
        {
            duplicate.SetStatus(MemberStatus.Merged, now);
        }

        duplicate.MergedIntoMemberId = Id;
        return tierChanged;
    }

    /// <summary>Redirects a member merged into a member that is now merged itself, so it always names the surviving account.</summary>
    public void FollowMerge(Guid survivorId)
    {
        if (Status != MemberStatus.Merged)
        {
            throw new InvalidOperationException("Only a merged member follows a merge.");
        }

        MergedIntoMemberId = survivorId;
    }

    /// <summary>
    /// Anonymises personal data for good: names, contact details, birth date and app login go; the member number,
    /// dates and every amount stay, so the ledger, purchases and partners' settlements still add up. Closes an open
    /// membership. Idempotent: returns false when already erased.
    /// </summary>
    public bool Erase(DateTimeOffset now)
    {
        if (ErasedAt is not null)
        {
            return false;
        }

        if (Status is MemberStatus.Active or MemberStatus.Suspended)
        {
            SetStatus(MemberStatus.Closed, now);
        }

        FirstName = ErasedName;
        LastName = "";
        Email = $"erased-{Id:N}@erased.invalid"; // unique (the e-mail index is) and says nothing about the person
        NormalizedEmail = Email.ToUpperInvariant();
        Phone = null;
        PhoneNormalised = null;
        BirthDate = null;
        ExternalId = null;
        ErasedAt = now;
        return true;
    }

    public const string ErasedName = "Erased";

    private void EnsureNotFinal()
    {
        switch (Status)
        {
            case MemberStatus.Closed:
                throw new DomainException("member_closed", "The membership is closed; that is final.");
            case MemberStatus.Merged:
                throw new DomainException("member_merged", "The member was merged into another member; that is final.");
        }
    }

    private void SetStatus(MemberStatus status, DateTimeOffset now)
    {
        Status = status;
        StatusChangedAt = now;
    }
}

/// <summary>The personal details given at enrolment.</summary>
public sealed record MemberDetails(string FirstName, string LastName, string Email, string? Phone, DateOnly? BirthDate);
