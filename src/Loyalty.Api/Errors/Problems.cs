using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Domain.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Errors;

/// <summary>Turns the exceptions a client can cause into RFC 9457 problem details; anything else is not the client's fault.</summary>
public static partial class Problems
{
    public static ProblemDetails Create(int status, string code, string title, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeFor(code) };
        problem.Extensions["code"] = code;
        return problem;
    }

    public static string TypeFor(string code) => "https://loyalty.dev/problems/" + code.Replace('_', '-');

    /// <summary>The problem for an exception a client caused, or null when the exception is a server fault.</summary>
    public static ProblemDetails? FromException(Exception exception) => exception switch
    {
        ValidationException validation => Validation(validation),
        DomainException domain => Create(StatusCodes.Status422UnprocessableEntity, domain.Code, "The request breaks a business rule.", domain.Message),
        AppException app => Create(StatusOf(app.Kind), app.Code, TitleOf(app.Kind), app.Message),
        BadHttpRequestException bad => FromBadRequest(bad),
        DbUpdateConcurrencyException => Create(
            StatusCodes.Status409Conflict, ErrorCodes.ConcurrentUpdate, "The request conflicts with the current state.", "Someone changed this at the same moment; read it again and retry."),
        _ when UniqueConstraintViolations.TryDescribe(exception, out var code, out var message) =>
            Create(StatusCodes.Status409Conflict, code, "The request conflicts with the current state.", message),
        _ => null,
    };

    private static HttpValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = "See errors for what to correct.",
            Type = TypeFor(ErrorCodes.ValidationFailed),
        };
        problem.Extensions["code"] = ErrorCodes.ValidationFailed;
        return problem;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Create(413, ErrorCodes.PayloadTooLarge, "The request body is too large.");
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Create(415, ErrorCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        if (exception.InnerException is JsonException { } unknown && UnmappedMember().Match(unknown.Message) is { Success: true } member)
        {
            // Writes are strict so that a misspelt field is not silently ignored; name it as the client sent it.
            var field = member.Groups["name"].Value;
            var at = unknown.Path is { Length: > 0 } path && path != "$" ? $" (at {path})" : "";
            var problem = Create(400, ErrorCodes.UnknownField, "The body has a field this operation does not accept.", $"Unknown field '{field}'{at}: remove it or check its spelling.");
            problem.Extensions["field"] = field;
            return problem;
        }

        if (exception.InnerException is JsonException { Path: { Length: > 2 } valuePath } badValue && EnumTarget(badValue.Message, valuePath) is { } enumType)
        {
            // An enum value the contract does not declare is a field error like any other: name the field and the values.
            var field = valuePath.StartsWith("$.", StringComparison.Ordinal) ? valuePath[2..] : valuePath.TrimStart('$');
            var allowed = string.Join(", ", Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName));
            return Validation(new ValidationException([new FluentValidation.Results.ValidationFailure(field, $"{field} must be one of: {allowed}.")]));
        }

        if (exception.InnerException is JsonException json)
        {
            // Only the JSON path goes back: where the body is wrong, never our type names.
            var where = string.IsNullOrEmpty(json.Path) ? "the body" : json.Path;
            return Create(400, ErrorCodes.InvalidJson, "The body is not valid JSON for this operation.", $"Could not read {where}: check its JSON syntax and value types.");
        }

        // ASP.NET Core's binding messages are written for developers ("Nullable<int>", "Did you mean to use a
        // Service instead?"); say the same thing in the client's terms.
        if (exception.Message.Contains("no body was provided", StringComparison.Ordinal) || exception.Message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return Create(400, ErrorCodes.BodyRequired, "A JSON body is required.", "Send the request body as application/json.");
        }

        if (BindingFailure().Match(exception.Message) is { Success: true } failure)
        {
            return Create(400, ErrorCodes.InvalidParameter, "A parameter has an invalid value.", $"'{failure.Groups["name"].Value}' cannot be \"{failure.Groups["value"].Value}\".");
        }

        return Create(exception.StatusCode, ProblemCodes.ForStatus(exception.StatusCode), "The request is malformed.", "The request could not be read.");
    }

    /// <summary>
    /// The enum a System.Text.Json conversion failed on, or null. The message names the type being read: the enum
    /// itself, or (for a record bound through its constructor) the record, whose property the path ends in.
    /// </summary>
    private static Type? EnumTarget(string message, string path)
    {
        if (EnumConversion().Match(message) is not { Success: true } failed)
        {
            return null;
        }

        var property = LastPathSegment().Match(path) is { Success: true } segment ? segment.Groups["name"].Value : null;
        foreach (Match name in TypeName().Matches(failed.Groups["type"].Value))
        {
            var type = typeof(Contracts.Common.WireFormat).Assembly.GetType(name.Value) ?? (name.Value == typeof(DayOfWeek).FullName ? typeof(DayOfWeek) : null);
            if (type is null)
            {
                continue;
            }

            var found = EnumOf(type) ?? (property is null ? null : EnumOf(type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The enum a value of <paramref name="type"/> holds: itself, nullable, or the element of a list.</summary>
    private static Type? EnumOf(Type? type)
    {
        if (type is null || type == typeof(string))
        {
            return null;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? type : type.IsGenericType && type.GetGenericArguments() is [var element] ? EnumOf(element) : null;
    }

    [GeneratedRegex("(?<name>[A-Za-z0-9_]+)(\\[[0-9]+\\])*$")]
    private static partial Regex LastPathSegment();

    [GeneratedRegex("^The JSON value could not be converted to (?<type>\\S+)\\. Path:")]
    private static partial Regex EnumConversion();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_.+]*")]
    private static partial Regex TypeName();

    // System.Text.Json's message for JsonUnmappedMemberHandling.Disallow; only the property name is taken from it.
    [GeneratedRegex("^The JSON property '(?<name>[^']*)' could not be mapped to any \\.NET member")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("^Failed to bind parameter \"(?:.* )?(?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex BindingFailure();

    /// <summary>"Request.MemberNumber" → "memberNumber": fields are named as the client sent them.</summary>
    private static string FieldName(string propertyName)
    {
        var name = propertyName.StartsWith("Request.", StringComparison.Ordinal) ? propertyName["Request.".Length..] : propertyName;
        return string.Join('.', name.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
    }

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.Forbidden => "Not allowed.",
        _ => "The request is invalid.",
    };
}
