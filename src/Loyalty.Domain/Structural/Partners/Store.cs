using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.Partners;

/// <summary>A partner's point of sale. <see cref="Code"/> is the partner's own store code, unique per partner.</summary>
public sealed class Store
{
    private Store()
    {
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public string Name { get; private set; } = "";

    public string Code { get; private set; } = "";

    public string? City { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Store Open(Guid partnerId, string name, string code, string? city, DateTimeOffset now) =>
        new() { Id = EntityId.New(), PartnerId = partnerId, Name = Names.Clean(name), Code = code.Trim(), City = city?.Trim(), IsActive = true, CreatedAt = now };

    public void Update(string? name, string? city, bool? isActive)
    {
        if (name is not null)
        {
            Name = Names.Clean(name);
        }

        if (city is not null)
        {
            City = city.Trim();
        }

        if (isActive is not null)
        {
            IsActive = isActive.Value;
        }
    }
}
