using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.Partners;

public enum PartnerStatus
{
    Active,
    Suspended,
}

/// <summary>A business whose stores let members earn and spend points.</summary>
public sealed class Partner
{
    private Partner()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? ContactEmail { get; private set; }

    public PartnerStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Requests per second this partner may make; null = the platform default (configuration).</summary>
    public int? RateLimitPerSecond { get; private set; }

    public const int MaxRateLimitPerSecond = 10_000;

    public static Partner Create(string name, string? contactEmail, DateTimeOffset now) =>
        new() { Id = EntityId.New(), Name = Names.Clean(name), ContactEmail = contactEmail?.Trim(), Status = PartnerStatus.Active, CreatedAt = now };

    public void Rename(string name) => Name = Names.Clean(name);

    public void ChangeContact(string? contactEmail) => ContactEmail = string.IsNullOrWhiteSpace(contactEmail) ? null : contactEmail.Trim();

    public void ChangeStatus(PartnerStatus status) => Status = status;

    public void ChangeRateLimit(int? perSecond)
    {
        if (perSecond is < 1 or > MaxRateLimitPerSecond)
        {
            throw new DomainException("invalid_rate_limit", $"The rate limit is between 1 and {MaxRateLimitPerSecond} requests per second.");
        }

        RateLimitPerSecond = perSecond;
    }
}
