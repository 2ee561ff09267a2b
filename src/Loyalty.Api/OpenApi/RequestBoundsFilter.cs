using System.Globalization;
using Loyalty.Application.Common;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Loyalty.Api.OpenApi;

/// <summary>
/// Declares on every schema a client sends (request bodies, the schemas they reference, and parameters) the bounds
/// the server enforces: those of the FluentValidation validators (<see cref="ValidatorBoundsCatalogue"/>), and where a
/// validator sets none, those the JSON reader and binder already impose by type (a UUID is 36 characters, an int32
/// fits in 32 bits), and for any other string or list the ceilings every message is checked against
/// (<see cref="TextSafety.MaxTextLength"/>, <see cref="TextSafety.MaxListItems"/>). Response schemas are left alone:
/// the server writes them.
/// </summary>
internal sealed class RequestBoundsFilter(ValidatorBoundsCatalogue catalogue) : IDocumentFilter
{
    /// <summary>The longest ISO 8601 instant System.Text.Json reads ("2026-11-23T10:15:00.1234567890123456+01:00").</summary>
    public const int MaxInstantLength = 42;

    private static readonly Dictionary<string, Type> ContractTypes = typeof(Contracts.ErrorCodes).Assembly.GetTypes()
        .Where(t => t is { IsGenericTypeDefinition: false, IsPublic: true } && !t.IsEnum && t.Namespace?.StartsWith("Loyalty.Contracts", StringComparison.Ordinal) == true)
        .GroupBy(SwaggerSetup.SchemaId).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);

    /// <summary>
    /// Request types whose fields are checked by another type's validator: an imported row earns as a live purchase,
    /// so each row is checked (and rejected with the reason) by the purchase's rules.
    /// </summary>
    private static readonly Dictionary<Type, Type> CheckedAs = new()
    {
        [typeof(Contracts.Partner.ImportRowRequest)] = typeof(Contracts.Partner.RecordPurchaseRequest),
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var requestSchemas = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, path) in swaggerDoc.Paths ?? [])
        {
            foreach (var parameter in (path.Parameters ?? []).OfType<OpenApiParameter>())
            {
                Parameter(parameter);
            }

            foreach (var (_, operation) in path.Operations ?? [])
            {
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                {
                    Parameter(parameter);
                }

                foreach (var media in (operation.RequestBody?.Content?.Values ?? []).OfType<OpenApiMediaType>())
                {
                    if (media.Schema is OpenApiSchema inline)
                    {
                        Inline(inline, schemas, requestSchemas);
                    }
                    else
                    {
                        Reach(media.Schema, schemas, requestSchemas);
                    }
                }
            }
        }

        foreach (var id in requestSchemas)
        {
            if (schemas[id] is OpenApiSchema { Properties: { } properties } schema)
            {
                var type = ContractTypes.GetValueOrDefault(id);
                type = type is not null && CheckedAs.TryGetValue(type, out var checkedAs) ? checkedAs : type;
                foreach (var (name, property) in properties)
                {
                    if (property is not OpenApiSchema concrete)
                    {
                        continue;
                    }

                    var bounds = type?.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase) is { } info
                        ? catalogue.For(type, info.Name)
                        : null;
                    Declare(concrete, bounds);
                    if (bounds is { Required: true })
                    {
                        schema.Required ??= new HashSet<string>();
                        schema.Required.Add(name);
                    }
                }

                if (schema.Required is { Count: > 0 } required)
                {
                    schema.Required = new HashSet<string>(required.Order(StringComparer.Ordinal));
                }
            }
        }
    }

    /// <summary>Every component schema a request body reaches through $refs (nested records, list items, maps).</summary>
    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, ISet<string> found)
    {
        switch (schema)
        {
            case OpenApiSchemaReference { Reference.Id: { } id }:
                if (found.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    Reach(target, schemas, found);
                }

                break;
            case OpenApiSchema concrete:
                foreach (var child in (concrete.Properties?.Values ?? []).Append(concrete.Items).Append(concrete.AdditionalProperties)
                             .Concat(concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? []))
                {
                    Reach(child, schemas, found);
                }

                break;
        }
    }

    private static void Inline(OpenApiSchema schema, IDictionary<string, IOpenApiSchema> schemas, ISet<string> found)
    {
        Declare(schema, null);
        Reach(schema, schemas, found);
    }

    private static void Parameter(OpenApiParameter parameter)
    {
        if (parameter.Schema is not OpenApiSchema schema)
        {
            return;
        }

        switch (parameter.Name)
        {
            // Paging.Limit refuses any other value with 400 invalid_limit; the cursor is one the API issued.
            case "limit" when parameter.In == ParameterLocation.Query && schema.Type == JsonSchemaType.Integer:
                schema.Minimum ??= "1";
                schema.Maximum ??= Paging.MaxLimit.ToString(CultureInfo.InvariantCulture);
                break;
            case "cursor" when parameter.In == ParameterLocation.Query:
                schema.MaxLength ??= Paging.MaxCursorLength;
                break;
        }

        Declare(schema, null);
    }

    /// <summary>The validators' bounds on one field, then the bounds its type implies where none is set.</summary>
    private static void Declare(OpenApiSchema schema, FieldBounds? bounds)
    {
        if (bounds is not null)
        {
            schema.MinLength = bounds.MinLength ?? schema.MinLength;
            schema.MaxLength = bounds.MaxLength ?? schema.MaxLength;
            if (bounds.Minimum is { } minimum)
            {
                // Written for OpenAPI 3.0 as minimum + exclusiveMinimum: true.
                (schema.Minimum, schema.ExclusiveMinimum) = bounds.ExclusiveMinimum ? ((string?)null, Text(minimum)) : (Text(minimum), (string?)null);
            }

            if (bounds.Maximum is { } maximum)
            {
                (schema.Maximum, schema.ExclusiveMaximum) = bounds.ExclusiveMaximum ? ((string?)null, Text(maximum)) : (Text(maximum), (string?)null);
            }

            schema.MinItems = bounds.MinItems ?? schema.MinItems;
            schema.MaxItems = bounds.MaxItems ?? schema.MaxItems;
            schema.Pattern = bounds.Pattern ?? schema.Pattern;
            if (bounds.Email && schema.Format is null)
            {
                schema.Format = "email";
            }

            if (bounds.Items is { } items && schema.Items is OpenApiSchema itemSchema)
            {
                Declare(itemSchema, items);
            }
        }

        ByType(schema);
        if (bounds?.Items is null && schema.Items is OpenApiSchema element)
        {
            ByType(element);
        }

        if (schema.AdditionalProperties is OpenApiSchema value)
        {
            ByType(value);
        }
    }

    private static void ByType(OpenApiSchema schema)
    {
        var type = schema.Type & ~JsonSchemaType.Null;
        switch (type, schema.Format)
        {
            case (JsonSchemaType.String, "uuid"):
                schema.MinLength ??= 36;
                schema.MaxLength ??= 36;
                break;
            case (JsonSchemaType.String, "date"):
                schema.MinLength ??= 10;
                schema.MaxLength ??= 10;
                break;
            case (JsonSchemaType.String, "date-time"):
                schema.MaxLength ??= MaxInstantLength;
                break;
            case (JsonSchemaType.Integer, "int32"):
                schema.Minimum ??= int.MinValue.ToString(CultureInfo.InvariantCulture);
                schema.Maximum ??= int.MaxValue.ToString(CultureInfo.InvariantCulture);
                break;
            case (JsonSchemaType.Integer, "int64"):
                schema.Minimum ??= long.MinValue.ToString(CultureInfo.InvariantCulture);
                schema.Maximum ??= long.MaxValue.ToString(CultureInfo.InvariantCulture);
                break;
            case (JsonSchemaType.String, _) when schema.Enum is not { Count: > 0 }:
                schema.MaxLength ??= TextSafety.MaxTextLength;
                break;
            case (JsonSchemaType.Array, _):
                schema.MaxItems ??= TextSafety.MaxListItems;
                break;
        }
    }

    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
