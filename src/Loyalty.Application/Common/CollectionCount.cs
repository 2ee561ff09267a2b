using System.Collections;
using FluentValidation;
using FluentValidation.Validators;

namespace Loyalty.Application.Common;

/// <summary>How many items a list may hold, in a form the OpenAPI documents can read (minItems/maxItems).</summary>
public interface ICollectionCountValidator
{
    int Min { get; }

    int Max { get; }
}

/// <summary>A list holds <c>Min</c> to <c>Max</c> items; a missing list is left to NotNull/NotEmpty.</summary>
public sealed class CollectionCountValidator<T, TCollection>(int min, int max) : PropertyValidator<T, TCollection>, ICollectionCountValidator
    where TCollection : IEnumerable?
{
    public int Min { get; } = min;

    public int Max { get; } = max;

    public override string Name => "CollectionCountValidator";

    public override bool IsValid(ValidationContext<T> context, TCollection value)
    {
        if (value is null)
        {
            return true;
        }

        var count = value is ICollection collection ? collection.Count : value.Cast<object?>().Count();
        context.MessageFormatter.AppendArgument("MinItems", Min).AppendArgument("MaxItems", Max);
        return count >= Min && count <= Max;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        Min > 0 ? "{PropertyName} must hold {MinItems} to {MaxItems} items." : "{PropertyName} may hold at most {MaxItems} items.";
}

public static class CollectionCountRules
{
    /// <summary>The list, when given, holds <paramref name="min"/> to <paramref name="max"/> items.</summary>
    public static IRuleBuilderOptions<T, TCollection> Count<T, TCollection>(this IRuleBuilder<T, TCollection> rule, int min, int max)
        where TCollection : IEnumerable? =>
        rule.SetValidator(new CollectionCountValidator<T, TCollection>(min, max));

    /// <summary>The list, when given, holds at most <paramref name="max"/> items.</summary>
    public static IRuleBuilderOptions<T, TCollection> MaximumCount<T, TCollection>(this IRuleBuilder<T, TCollection> rule, int max)
        where TCollection : IEnumerable? =>
        rule.Count(0, max);
}
