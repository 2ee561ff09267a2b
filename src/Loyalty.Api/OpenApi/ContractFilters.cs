using System.Reflection;
using System.Text.Json.Nodes;
using Loyalty.Api.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Loyalty.Api.OpenApi;

/// <summary>
/// Every property of a contract record is listed as <c>required</c> unless the client may leave it out: a nullable
/// property, or a constructor parameter with a default. Responses always carry every property (null included).
/// </summary>
internal sealed class RequiredPropertiesSchemaFilter : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties
            || context.Type.Namespace?.StartsWith("Loyalty.Contracts", StringComparison.Ordinal) != true)
        {
            return;
        }

        var optional = context.Type.GetConstructors().SelectMany(c => c.GetParameters())
            .Where(p => p.HasDefaultValue).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var required = new SortedSet<string>(concrete.Required ?? new HashSet<string>(), StringComparer.Ordinal);
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (properties.ContainsKey(name) && !optional.Contains(property.Name) && !IsNullable(property))
            {
                required.Add(name);
            }
        }

        concrete.Required = required.Count > 0 ? new HashSet<string>(required) : null;
    }

    private static bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && Nullability.Create(property).ReadState != NullabilityState.NotNull);
}

/// <summary>
/// Declares the problem responses an operation can really give, with the problem schema: 401/403 for every
/// authenticated operation, 429 everywhere (anonymous callers are limited per address, audiences per caller),
/// 400/422 for writes, 404 for routes that address a resource, 409 where an idempotency key can be in flight.
/// Responses an endpoint declares itself are left as they are.
/// </summary>
internal sealed class ProblemResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];

        void Declare(int status, string description, Dictionary<string, IOpenApiHeader>? headers = null)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = description,
                    Headers = headers,
                    Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
                };
            }
        }

        var write = api.HttpMethod is "POST" or "PUT" or "PATCH" or "DELETE";
        if (write || api.ParameterDescriptions.Count > 0)
        {
            Declare(400, "The request is malformed or invalid (`code` says which, e.g. validation_failed, unknown_field).");
        }

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            Declare(401, "No valid credentials (`code`: unauthenticated).");
            Declare(403, "The credentials do not allow this operation (`code`: forbidden).");
        }

        if (api.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            Declare(404, "The addressed resource does not exist, or is not visible to the caller.");
        }

        if (metadata.OfType<RequiresIdempotencyKeyAttribute>().Any())
        {
            Declare(409, "A request with the same Idempotency-Key is still being processed.");
        }

        if (write)
        {
            Declare(422, "The request breaks a business rule (`code` says which).");
        }

        Declare(429, "Too many requests; retry after the number of seconds in `Retry-After`.", new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "3600" } },
        });
    }
}

/// <summary>The API is served from wherever this document is; a relative server keeps "Try it out" on the same host.</summary>
internal sealed class ServersDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context) =>
        swaggerDoc.Servers =
        [
            new OpenApiServer
            {
                Url = "/",
                Description = "The deployment that serves this document (production, staging or local).",
                // A public API for members, partners and staff, not an internal one.
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
}
