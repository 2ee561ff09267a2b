using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Ledger;

namespace Loyalty.Api.OpenApi;

/// <summary>What the validators enforce on one field of a request type, as the OpenAPI schema keywords say it.</summary>
public sealed class FieldBounds
{
    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public decimal? Minimum { get; set; }

    public bool ExclusiveMinimum { get; set; }

    public decimal? Maximum { get; set; }

    public bool ExclusiveMaximum { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public string? Pattern { get; set; }

    public bool Email { get; set; }

    /// <summary>NotNull/NotEmpty without a condition: the client must send the field.</summary>
    public bool Required { get; set; }

    /// <summary>The bounds of each element, for a list (RuleForEach).</summary>
    public FieldBounds? Items { get; set; }

    public bool IsEmpty =>
        MinLength is null && MaxLength is null && Minimum is null && Maximum is null && MinItems is null && MaxItems is null
        && Pattern is null && !Email && !Required && Items is not { IsEmpty: false };

    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
            }
        }

        Add("minLength", MinLength);
        Add("maxLength", MaxLength);
        Add(ExclusiveMinimum ? "exclusiveMinimum" : "minimum", Minimum);
        Add(ExclusiveMaximum ? "exclusiveMaximum" : "maximum", Maximum);
        Add("minItems", MinItems);
        Add("maxItems", MaxItems);
        Add("pattern", Pattern);
        Add("format", Email ? "email" : null);
        Add("required", Required ? "true" : null);
        Add("items", Items is { IsEmpty: false } ? $"{{{Items}}}" : null);
        return string.Join(", ", parts);
    }
}

/// <summary>
/// The bounds every FluentValidation validator of the application enforces, keyed by the contract type and property
/// they apply to, so the OpenAPI documents declare exactly what a request is checked against. A validator usually
/// validates a Mediator command that wraps the request body (<c>RuleFor(c =&gt; c.Request.Name)</c>); the rule's
/// member expression names the body type's property directly. Rules written through a helper
/// (<c>RuleFor(x =&gt; name(x)).OverridePropertyName("name")</c>) are matched by that name on the command's body.
/// Only declarative rules are read (length, comparison, between, regex, email, not-empty/not-null, item counts,
/// child validators); a <c>Must</c> lambda says nothing the document could repeat.
/// </summary>
public sealed class ValidatorBoundsCatalogue
{
    private readonly Dictionary<(Type Owner, string Property), FieldBounds> fields = [];

    public IReadOnlyDictionary<(Type Owner, string Property), FieldBounds> Fields => fields;

    public static ValidatorBoundsCatalogue Build(IServiceProvider services)
    {
        var catalogue = new ValidatorBoundsCatalogue();
        using var scope = services.CreateScope();
        var seen = new HashSet<IValidator>(ReferenceEqualityComparer.Instance);
        foreach (var type in typeof(PointsLedger).Assembly.GetTypes().Where(t => t is { IsAbstract: false, ContainsGenericParameters: false } && typeof(IValidator).IsAssignableFrom(t)))
        {
            var validator = (IValidator)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);
            catalogue.Describe(validator, seen);
        }

        return catalogue;
    }

    /// <summary>The bounds of <paramref name="owner"/>'s property, if any validator bounds it.</summary>
    public FieldBounds? For(Type owner, string property) => fields.GetValueOrDefault((owner, property));

    private void Describe(IValidator validator, HashSet<IValidator> seen)
    {
        if (!seen.Add(validator))
        {
            return;
        }

        var validated = validator.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            var target = Target(rule, validated);
            var isEach = rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
            var ruleConditional = rule.HasCondition || rule.HasAsyncCondition;
            foreach (var component in rule.Components)
            {
                if (component.Validator is IChildValidatorAdaptor child)
                {
                    foreach (var nested in ChildValidators(child))
                    {
                        Describe(nested, seen);
                    }

                    continue;
                }

                if (target is null)
                {
                    continue;
                }

                var key = (target.Value.Owner, target.Value.Property.Name);
                var field = fields.TryGetValue(key, out var existing) ? existing : fields[key] = new FieldBounds();
                if (isEach)
                {
                    field = field.Items ??= new FieldBounds();
                }

                var valueType = isEach ? ElementType(target.Value.Property.PropertyType) ?? typeof(object) : target.Value.Property.PropertyType;
                Apply(field, component.Validator, valueType, conditional: ruleConditional || component.HasCondition || component.HasAsyncCondition);
            }
        }
    }

    private static void Apply(FieldBounds field, IPropertyValidator validator, Type valueType, bool conditional)
    {
        var type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        var integral = type == typeof(int) || type == typeof(long) || type == typeof(short);
        switch (validator)
        {
            case ILengthValidator length:
                if (length.Max > 0)
                {
                    field.MaxLength = field.MaxLength is { } max ? Math.Min(max, length.Max) : length.Max;
                }

                if (length.Min > 0)
                {
                    field.MinLength = Math.Max(field.MinLength ?? 0, length.Min);
                }

                break;
            case ICollectionCountValidator count:
                field.MaxItems = field.MaxItems is { } maxItems ? Math.Min(maxItems, count.Max) : count.Max;
                if (count.Min > 0)
                {
                    field.MinItems = Math.Max(field.MinItems ?? 0, count.Min);
                }

                break;
            case IBetweenValidator between when Number(between.From) is { } from && Number(between.To) is { } to:
                var exclusive = validator.GetType().Name.StartsWith("ExclusiveBetween", StringComparison.Ordinal);
                Lower(field, from, exclusive, integral);
                Upper(field, to, exclusive, integral);
                break;
            case IComparisonValidator { MemberToCompare: null } comparison when Number(comparison.ValueToCompare) is { } value:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThan: Lower(field, value, exclusive: true, integral); break;
                    case Comparison.GreaterThanOrEqual: Lower(field, value, exclusive: false, integral); break;
                    case Comparison.LessThan: Upper(field, value, exclusive: true, integral); break;
                    case Comparison.LessThanOrEqual: Upper(field, value, exclusive: false, integral); break;
                }

                break;
            case IRegularExpressionValidator regex:
                field.Pattern = regex.Expression;
                break;
            case IEmailValidator:
                field.Email = true;
                break;
            case INotEmptyValidator when !conditional:
                field.Required = true;
                if (type == typeof(string))
                {
                    field.MinLength = Math.Max(field.MinLength ?? 0, 1);
                }
                else if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
                {
                    field.MinItems = Math.Max(field.MinItems ?? 0, 1);
                }

                break;
            case INotNullValidator when !conditional:
                field.Required = true;
                break;
        }
    }

    // An integer greater than n is at least n + 1: declared as an inclusive bound, as clients read integers.
    private static void Lower(FieldBounds field, decimal value, bool exclusive, bool integral)
    {
        if (exclusive && integral)
        {
            (value, exclusive) = (value + 1, false);
        }

        if (field.Minimum is null || value > field.Minimum || (value == field.Minimum && exclusive))
        {
            (field.Minimum, field.ExclusiveMinimum) = (value, exclusive);
        }
    }

    private static void Upper(FieldBounds field, decimal value, bool exclusive, bool integral)
    {
        if (exclusive && integral)
        {
            (value, exclusive) = (value - 1, false);
        }

        if (field.Maximum is null || value < field.Maximum || (value == field.Maximum && exclusive))
        {
            (field.Maximum, field.ExclusiveMaximum) = (value, exclusive);
        }
    }

    private static decimal? Number(object? value) => value switch
    {
        int or long or short or byte or decimal or double or float => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The type and property a rule validates, or null for a rule over the whole object.</summary>
    private static (Type Owner, PropertyInfo Property)? Target(IValidationRule rule, Type validated)
    {
        var body = rule.Expression?.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            body = convert.Operand;
        }

        if (body is MemberExpression { Member: PropertyInfo property } member)
        {
            return (member.Expression?.Type ?? property.DeclaringType!, property);
        }

        // RuleFor(x => helper(x)).OverridePropertyName("a.b"): the path from the body the message carries.
        if (rule.PropertyName is not { Length: > 0 } path)
        {
            return null;
        }

        var roots = new[] { validated }.Concat(validated.GetProperties().Select(p => p.PropertyType).Where(IsContract));
        foreach (var root in roots)
        {
            if (Walk(root, path) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static (Type Owner, PropertyInfo Property)? Walk(Type root, string path)
    {
        var owner = root;
        PropertyInfo? property = null;
        foreach (var segment in path.Split('.'))
        {
            if (property is not null)
            {
                owner = ElementType(property.PropertyType) ?? Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            }

            property = owner.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }
        }

        return property is null ? null : (owner, property);
    }

    private static bool IsContract(Type type) => type.Namespace?.StartsWith("Loyalty.Contracts", StringComparison.Ordinal) == true;

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1]
        : null;

    // SetValidator(new X()) and ChildRules(...) keep their validator in the adaptor; a provider-based one is skipped.
    private static IEnumerable<IValidator> ChildValidators(IChildValidatorAdaptor adaptor)
    {
        for (var type = adaptor.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.GetValue(adaptor) is IValidator validator)
                {
                    yield return validator;
                }
            }
        }
    }
}
