using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Loyalty.Api.OpenApi;

/// <summary>
/// Gives every request body and success response that still lacks one an example, so all three documents show one
/// per operation without a hand-written entry per route. The example of a schema type comes from the type itself
/// (<see cref="SchemaExamplesFilter"/>, keyed by contract type) where one is written; otherwise it is built from the
/// schema: one item per array, every property filled, realistic values picked by format and property name (member
/// numbers and voucher codes with valid check characters). Hand-written partner examples keep priority.
/// </summary>
internal sealed class OperationExamplesFilter : IDocumentFilter
{
    private const string Card = "802417365912";
    private static readonly string Voucher = PartnerExamplesFilter.VoucherExample("K7QM2XHT9PR");
    private const string Id = "0193a2f0-6c1e-7b3a-9d5e-2f4c8a1b7e10";
    private const string At = "2026-11-23T10:15:00Z";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var operations = (swaggerDoc.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
        foreach (var operation in operations)
        {
            var bodies = (operation.RequestBody?.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>())
                .Concat((operation.Responses ?? []).Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>()));
            foreach (var media in bodies.OfType<OpenApiMediaType>())
            {
                Fill(media, schemas);
            }
        }
    }

    private static void Fill(OpenApiMediaType media, IDictionary<string, IOpenApiSchema> schemas)
    {
        if (media.Example is null && media.Examples is not { Count: > 0 } && media.Schema is { } schema)
        {
            media.Example = Build(schema, null, schemas, depth: 0);
        }
    }

    private static JsonNode? Build(IOpenApiSchema schema, string? property, IDictionary<string, IOpenApiSchema> schemas, int depth)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is not { } id || !schemas.TryGetValue(id, out var target))
            {
                return null;
            }

            schema = target;
        }

        if (schema.Examples is { Count: > 0 } examples)
        {
            return examples[0]?.DeepClone();
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            return Build(allOf[0], property, schemas, depth);
        }

        var type = (schema.Type ?? 0) & ~JsonSchemaType.Null;
        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var result = new JsonObject();
            foreach (var (name, child) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                result[name] = Build(child, name, schemas, depth + 1);
            }

            if (schema.Properties is not { Count: > 0 } && schema.AdditionalProperties is { } entries)
            {
                result["key"] = Build(entries, "key", schemas, depth + 1);
            }

            return result;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            // Deep arrays stay empty: a recursive shape (a merged member's own merges) would never end.
            return schema.Items is { } items && depth <= 2 ? new JsonArray(Build(items, property, schemas, depth + 1)) : [];
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return JsonValue.Create((long)Within(schema, property?.Contains("points", StringComparison.OrdinalIgnoreCase) == true ? 250 : 1));
        }

        if (type.HasFlag(JsonSchemaType.Number))
        {
            return JsonValue.Create(Within(schema, 12.50m));
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return JsonValue.Create(true);
        }

        if (type.HasFlag(JsonSchemaType.String))
        {
            return JsonValue.Create(StringExample(schema, property));
        }

        return null;
    }

    /// <summary>The value, moved inside the bounds the schema declares (the validators' bounds, see <see cref="RequestBoundsFilter"/>).</summary>
    private static decimal Within(IOpenApiSchema schema, decimal value)
    {
        static decimal? Read(string? bound) =>
            decimal.TryParse(bound, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

        if (Read(schema.Maximum) is { } max && value > max)
        {
            value = max;
        }

        if (Read(schema.ExclusiveMaximum) is { } below && value >= below)
        {
            value = Math.Floor(below / 2);
        }

        if (Read(schema.Minimum) is { } min && value < min)
        {
            value = min;
        }

        if (Read(schema.ExclusiveMinimum) is { } above && value <= above)
        {
            value = above + 1;
        }

        return value;
    }

    private static string StringExample(IOpenApiSchema schema, string? property)
    {
        var text = schema.Format switch
        {
            "uuid" => Id,
            "date-time" => At,
            "date" => "2026-11-23",
            "email" => "anna@example.com",
            "uri" => "https://backoffice.example.com/loyalty/events",
            _ => property switch
            {
                "memberNumber" => Card,
                "code" or "voucherCode" => Voucher,
                "currency" or "spendCurrency" => "EUR",
                "email" or "contactEmail" => "anna@example.com",
                "phone" => "+48 600 100 200",
                "language" => "en",
                "url" => "https://backoffice.example.com/loyalty/events",
                null => "example",
                _ => "Example " + property,
            },
        };
        return schema.MaxLength is { } max && text.Length > max ? text[..max] : text;
    }
}
