using System.Globalization;
using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Profiles;

/// <summary>The kind of value a programme-defined attribute holds.</summary>
public enum AttributeType
{
    Text,
    Number,
    Boolean,
    Date,

    /// <summary>One of <see cref="ProfileAttributeDefinition.Choices"/>.</summary>
    Choice,
}

/// <summary>
/// An optional member attribute the programme defines ("shoe size", "has a dog") without a schema change. Values are
/// stored as invariant text and checked against the type on every write.
/// </summary>
public sealed class ProfileAttributeDefinition
{
    private ProfileAttributeDefinition()
    {
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public AttributeType Type { get; private set; }

    /// <summary>The allowed values of a <see cref="AttributeType.Choice"/> attribute, separated by '|'; empty otherwise.</summary>
    public string Choices { get; private set; } = "";

    /// <summary>Whether members see and edit it in the app (otherwise staff only).</summary>
    public bool MemberEditable { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> ChoiceList => Choices.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static ProfileAttributeDefinition Create(string code, string name, AttributeType type, IEnumerable<string>? choices, bool memberEditable, DateTimeOffset now)
    {
        var definition = new ProfileAttributeDefinition
        {
            Id = EntityId.New(),
            Code = InterestTopic.NormalizeCode(code),
            Type = type,
            Active = true,
            CreatedAt = now,
        };
        definition.Update(name, choices, memberEditable, true);
        return definition;
    }

    public void Update(string name, IEnumerable<string>? choices, bool memberEditable, bool active)
    {
        var list = (choices ?? []).Select(Names.Clean).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (Type == AttributeType.Choice && list.Count == 0)
        {
            throw new DomainException("attribute_choices_required", "A choice attribute needs at least one choice.");
        }

        if (list.Any(c => c.Contains('|', StringComparison.Ordinal)))
        {
            throw new DomainException("invalid_attribute_choice", "Choices cannot contain '|'.");
        }

        Name = Names.Clean(name);
        Choices = Type == AttributeType.Choice ? string.Join('|', list) : "";
        MemberEditable = memberEditable;
        Active = active;
    }

    /// <summary>The value in its stored form, or a domain error naming what is expected.</summary>
    public string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = Names.Clean(value);
        var normalized = Type switch
        {
            AttributeType.Text => v.Length is > 0 and <= MemberAttributeValue.MaxLength ? v : null,
            AttributeType.Number => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : null,
            AttributeType.Boolean => bool.TryParse(v, out var b) ? (b ? "true" : "false") : null,
            AttributeType.Date => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            AttributeType.Choice => ChoiceList.Contains(v, StringComparer.Ordinal) ? v : null,
            _ => null,
        };
        return normalized ?? throw new DomainException(
            "invalid_attribute_value",
            Type == AttributeType.Choice
                ? $"'{Code}' must be one of: {string.Join(", ", ChoiceList)}."
                : $"'{Code}' must be a {Type.ToString().ToLowerInvariant()} value{(Type == AttributeType.Date ? " (yyyy-MM-dd)" : "")}.");
    }
}

/// <summary>A member's value of a programme-defined attribute.</summary>
public sealed class MemberAttributeValue
{
    public const int MaxLength = 500;

    private MemberAttributeValue()
    {
    }

    public Guid MemberId { get; private set; }

    public Guid DefinitionId { get; private set; }

    public string Value { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public static MemberAttributeValue Set(Guid memberId, Guid definitionId, string normalizedValue, DateTimeOffset now) =>
        new() { MemberId = memberId, DefinitionId = definitionId, Value = normalizedValue, UpdatedAt = now };

    public void Change(string normalizedValue, DateTimeOffset now) => (Value, UpdatedAt) = (normalizedValue, now);
}

/// <summary>
/// An attribute a partner keeps about a member in its own namespace (its partner id is part of the key): only that
/// partner and staff can read it, so partners never learn what other partners know.
/// </summary>
public sealed class PartnerMemberAttribute
{
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 1000;

    private PartnerMemberAttribute()
    {
    }

    public Guid PartnerId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>Lower-case key ("shoe_size", "favourite_brand"): letters, digits, '_', '-', '.'.</summary>
    public string Key { get; private set; } = "";

    public string Value { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public static PartnerMemberAttribute Set(Guid partnerId, Guid memberId, string key, string value, DateTimeOffset now) =>
        new() { PartnerId = partnerId, MemberId = memberId, Key = key, Value = Names.Clean(value), UpdatedAt = now };

    public void Change(string value, DateTimeOffset now) => (Value, UpdatedAt) = (Names.Clean(value), now);
}
