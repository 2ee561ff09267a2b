using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.AccountManagers;

/// <summary>
/// A staff user with the <c>account-manager</c> role, registered by an administrator. The identity provider's subject
/// (<see cref="Subject"/>) ties the token to this record; <see cref="Capacity"/> is how many members the manager looks
/// after at most. An inactive manager keeps their history but gets no new members and cannot act on their portfolio.
/// </summary>
public sealed class AccountManager
{
    public const int MaxCapacity = 10_000;

    private AccountManager()
    {
    }

    public Guid Id { get; private set; }

    public string Subject { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public int Capacity { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static AccountManager Register(string subject, string name, string email, int capacity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var manager = new AccountManager { Id = EntityId.New(), Subject = subject.Trim(), Active = true, CreatedAt = now };
        manager.Change(name, email, capacity, true, now);
        return manager;
    }

    public void Change(string name, string email, int capacity, bool active, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (capacity is < 1 or > MaxCapacity)
        {
            throw new DomainException("invalid_capacity", $"A manager's capacity is 1–{MaxCapacity} members.");
        }

        Name = Names.Clean(name);
        Email = email.Trim();
        Capacity = capacity;
        Active = active;
        UpdatedAt = now;
    }

    /// <summary>Refuses a new member for a manager who is inactive or whose portfolio is full.</summary>
    public void EnsureCanTake(int currentMembers, int adding)
    {
        if (!Active)
        {
            throw new DomainException("account_manager_inactive", $"Account manager '{Name}' is inactive and takes no new members.");
        }

        if (currentMembers + adding > Capacity)
        {
            throw new DomainException(
                "account_manager_at_capacity",
                $"Account manager '{Name}' looks after {currentMembers} of {Capacity} members; {adding} more would exceed the capacity.");
        }
    }
}
