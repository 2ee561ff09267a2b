using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Members;

public enum MemberStatus
{
    Active,
    Suspended,
    Closed,
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

    /// <summary>Moves the member to another tier: the qualification clock restarts and any grace period ends.</summary>
    public void MoveToTier(Guid tierId, DateTimeOffset at, DateTimeOffset? reviewAt)
    {
        TierId = tierId;
        TierSince = at;
        TierReviewAt = reviewAt;
        TierGraceUntil = null;
    }

    /// <summary>Earning and spending need an active member; a suspended or closed one is refused with a clear code.</summary>
    public void EnsureCanTransact()
    {
        switch (Status)
        {
            case MemberStatus.Suspended:
                throw new DomainException("member_suspended", "The member is suspended and cannot earn or spend points.");
            case MemberStatus.Closed:
                throw new DomainException("member_closed", "The membership is closed.");
        }
    }
}

/// <summary>The personal details given at enrolment.</summary>
public sealed record MemberDetails(string FirstName, string LastName, string Email, string? Phone, DateOnly? BirthDate);
