using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using FluentValidation;
using Loyalty.Contracts.Common;

namespace Loyalty.Application.Common;

/// <summary>
/// What free text may hold. Control characters (Unicode category Cc: NUL, escape sequences, bell…) would be stored
/// and shown to other people (a transfer message, a partner's name in the app, a reason in the audit log), and the
/// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a name read as something else; so
/// are unpaired surrogates, which no client can display, and the Unicode line and paragraph separators. Fields marked
/// <see cref="MultilineTextAttribute"/> also take \n, \r\n and \t.
/// </summary>
public static class TextSafety
{
    public const string PlainMessage = "must not contain control characters (such as NUL or line breaks) or bidirectional overrides.";
    public const string MultilineMessage = "must not contain control characters other than line breaks (\\n or \\r\\n) and tabs, nor bidirectional overrides.";

    /// <summary>
    /// The ceiling on any request string whose own validator sets no tighter one (the longest field bound is 4,000),
    /// so no field is unbounded; the OpenAPI documents declare it as such a field's maxLength.
    /// </summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The ceiling on any request list (the longest a validator allows is 10,000 members of a bulk grant or an offer).</summary>
    public const int MaxListItems = 10_000;

    /// <summary>Whether <paramref name="value"/> is acceptable free text (null is: other rules decide whether it is required).</summary>
    public static bool IsSafe(string? value, bool multiline = false)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            var refused = char.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.Control => !(multiline && (c == '\n' || c == '\t' || (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'))),
                UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
                _ => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069',
            };
            if (refused)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text with each refused character replaced by U+FFFD, for echoing a refused value back safely.</summary>
    public static string Scrub(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsSafe(value))
        {
            return value;
        }

        var scrubbed = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            var text = rune.ToString();
            scrubbed.Append(IsSafe(text) ? text : "\uFFFD");
        }

        return scrubbed.ToString();
    }

    /// <summary>Names are compared (uniqueness) and stored in Unicode normalisation form C, so "é" typed two ways is one name.</summary>
    public static string Normalise(string value) => value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Every unsafe string in a message, walking its properties, the request records it carries and their lists, as
    /// (field as clients name it, message). The request body's own property name is left out of the path.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(object? message) => Walk(message, "", 0, top: true);

    /// <summary>
    /// Whether <see cref="Problems"/> finds nothing: the same walk without field names, messages or iterators, so the
    /// clean message (nearly every request) costs no allocation; only a refused one is walked again for its problems.
    /// </summary>
    public static bool IsClean(object? message) => IsCleanObject(message, 0);

    private static bool IsCleanObject(object? value, int depth)
    {
        if (value is null || depth > 8)
        {
            return true;
        }

        foreach (var property in PropertiesOf(value.GetType()))
        {
            if (!IsCleanItem(property.Info.GetValue(value), property.Multiline, depth))
            {
                return false;
            }
        }

        return true;
    }

    // Check's cases, in its order, answering only whether any problem would be reported.
    private static bool IsCleanItem(object? item, bool multiline, int depth)
    {
        switch (item)
        {
            case null:
                return true;
            case string text:
                return text.Length <= MaxTextLength && IsSafe(text, multiline);
            case ICollection { Count: > MaxListItems }:
                return false;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!IsCleanItem(entry.Key, false, depth + 1) || !IsCleanItem(entry.Value, multiline, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case IEnumerable list when IsElementWalked(item.GetType()):
                foreach (var element in list)
                {
                    if (!IsCleanItem(element, multiline, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return !IsOurs(item.GetType()) || IsCleanObject(item, depth + 1);
        }
    }

    private static IEnumerable<(string Field, string Message)> Walk(object? value, string path, int depth, bool top)
    {
        if (value is null || depth > 8)
        {
            yield break;
        }

        foreach (var property in PropertiesOf(value.GetType()))
        {
            var item = property.Info.GetValue(value);
            // The body record a command carries is the client's JSON object: its fields are named without it.
            var name = top && property.IsBody ? "" : Join(path, Camel(property.Info.Name));
            foreach (var problem in Check(item, name, property.Multiline, depth))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<(string Field, string Message)> Check(object? item, string name, bool multiline, int depth)
    {
        switch (item)
        {
            case null:
                yield break;
            case string text:
                if (text.Length > MaxTextLength)
                {
                    yield return (name, $"{(name.Length == 0 ? "The value" : name)} must be {MaxTextLength} characters or fewer.");
                }
                else if (!IsSafe(text, multiline))
                {
                    yield return (name, $"{(name.Length == 0 ? "The value" : name)} {(multiline ? MultilineMessage : PlainMessage)}");
                }

                yield break;
            case ICollection { Count: > MaxListItems }:
                yield return (name, $"{(name.Length == 0 ? "The list" : name)} may hold at most {MaxListItems} items.");
                yield break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    foreach (var problem in Check(entry.Key, name, false, depth + 1).Concat(Check(entry.Value, $"{name}.{entry.Key}", multiline, depth + 1)))
                    {
                        yield return problem;
                    }
                }

                yield break;
            case IEnumerable list when IsElementWalked(item.GetType()):
                var i = 0;
                foreach (var element in list)
                {
                    foreach (var problem in Check(element, $"{name}[{i++}]", multiline, depth + 1))
                    {
                        yield return problem;
                    }
                }

                yield break;
            default:
                if (IsOurs(item.GetType()))
                {
                    foreach (var problem in Walk(item, name, depth + 1, top: false))
                    {
                        yield return problem;
                    }
                }

                yield break;
        }
    }

    private static readonly ConcurrentDictionary<Type, WalkedProperty[]> Properties = new();
    private static readonly ConcurrentDictionary<Type, bool> ElementWalked = new();

    private sealed record WalkedProperty(PropertyInfo Info, bool Multiline, bool IsBody);

    private static WalkedProperty[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && IsWalked(p.PropertyType) && !p.IsDefined(typeof(CheckedPerRowAttribute), inherit: true))
        .Select(p => new WalkedProperty(p, p.IsDefined(typeof(MultilineTextAttribute), inherit: true), p.PropertyType.Namespace?.StartsWith("Loyalty.Contracts", StringComparison.Ordinal) == true))
        .ToArray());

    /// <summary>Strings, our own records and classes, and collections (counted, and walked when they hold strings or our types); not streams, ids, numbers or instants.</summary>
    private static bool IsWalked(Type type) =>
        type == typeof(string) || IsOurs(type) || (type.IsArray && type != typeof(byte[])) || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type));

    private static bool IsElementWalked(Type type) => ElementWalked.GetOrAdd(type, IsElementWalkedUncached);

    private static bool IsElementWalkedUncached(Type type)
    {
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments().LastOrDefault()
            : null;
        return element is not null && (element == typeof(string) || IsOurs(element));
    }

    private static bool IsOurs(Type type) =>
        !type.IsEnum && !type.IsPrimitive && type.Namespace?.StartsWith("Loyalty.", StringComparison.Ordinal) == true && type.Namespace?.StartsWith("Loyalty.Domain", StringComparison.Ordinal) != true;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// A whole uploaded file carried as text: its line breaks are its rows, and each row's values are checked when the
/// row is read (a row with a control character is rejected, with its field named), so the walk leaves it out.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CheckedPerRowAttribute : Attribute
{
}

/// <summary>
/// Runs <see cref="TextSafety"/> over every message sent through Mediator (registered for all of them as an open
/// generic), so no request string escapes the check, whatever its own validator says.
/// </summary>
public sealed class TextSafetyValidator<TMessage> : AbstractValidator<TMessage>
{
    public TextSafetyValidator()
    {
        RuleFor(x => x).Custom((message, context) =>
        {
            if (TextSafety.IsClean(message))
            {
                return;
            }

            foreach (var (field, problem) in TextSafety.Problems(message))
            {
                context.AddFailure(field, problem);
            }
        });
    }
}
