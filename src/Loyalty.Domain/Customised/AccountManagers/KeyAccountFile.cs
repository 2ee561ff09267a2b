using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.AccountManagers;

/// <summary>Why a member has a key-account file.</summary>
public enum KeyAccountKind
{
    /// <summary>A company buying through the club (its people are the contacts).</summary>
    Business,

    /// <summary>One of the club's highest-value private members.</summary>
    Top,
}

/// <summary>A person to talk to at a key account.</summary>
public sealed record KeyAccountContact(string Name, string? Role, string? Email, string? Phone);

/// <summary>What the club agreed with the account: its service level and credit or payment terms, in plain words.</summary>
public sealed record AgreedTerms(string? ServiceLevel, string? CreditTerms, string? PaymentTerms);

/// <summary>Everything a key-account file holds besides its history, as staff edit it.</summary>
public sealed record KeyAccountDetails(
    KeyAccountKind Kind,
    string? Company,
    IReadOnlyList<KeyAccountContact> Contacts,
    string? Needs,
    string? Equipment,
    AgreedTerms Terms,
    DateTimeOffset? NextReviewAt);

/// <summary>
/// The account manager's file on a business or top member: who to talk to, what they need, the equipment or
/// configuration they use, the terms agreed, and when the account is next reviewed. One per member.
/// </summary>
public sealed class KeyAccountFile
{
    public const int MaxContacts = 20;

    private KeyAccountFile()
    {
    }

    public Guid MemberId { get; private set; }

    public KeyAccountKind Kind { get; private set; }

    public string? Company { get; private set; }

    public IReadOnlyList<KeyAccountContact> Contacts { get; private set; } = [];

    public string? Needs { get; private set; }

    public string? Equipment { get; private set; }

    public string? ServiceLevel { get; private set; }

    public string? CreditTerms { get; private set; }

    public string? PaymentTerms { get; private set; }

    public DateTimeOffset? NextReviewAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public AgreedTerms Terms => new(ServiceLevel, CreditTerms, PaymentTerms);

    public static KeyAccountFile Open(Guid memberId, KeyAccountDetails details, DateTimeOffset now)
    {
        var file = new KeyAccountFile { MemberId = memberId, CreatedAt = now };
        file.Change(details, now);
        return file;
    }

    public void Change(KeyAccountDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Kind == KeyAccountKind.Business && string.IsNullOrWhiteSpace(details.Company))
        {
            throw new DomainException("company_required", "A business key account names its company.");
        }

        if (details.Contacts.Count > MaxContacts)
        {
            throw new DomainException("too_many_contacts", $"A key-account file lists at most {MaxContacts} contacts.");
        }

        Kind = details.Kind;
        Company = Clean(details.Company);
        Contacts = [.. details.Contacts.Select(c => new KeyAccountContact(Names.Clean(c.Name), Clean(c.Role), Clean(c.Email), Clean(c.Phone)))];
        Needs = Clean(details.Needs);
        Equipment = Clean(details.Equipment);
        (ServiceLevel, CreditTerms, PaymentTerms) = (Clean(details.Terms.ServiceLevel), Clean(details.Terms.CreditTerms), Clean(details.Terms.PaymentTerms));
        NextReviewAt = details.NextReviewAt;
        UpdatedAt = now;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
