using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Loyalty.Api.OpenApi;

/// <summary>
/// A query parameter bound as text but holding one of an enum's values: the document declares the Contracts enum
/// (camelCase, as bodies spell it), or the listed values where only some of an enum's members are accepted. The use
/// case's validator reads the value case-insensitively and refuses any other with 400 naming the accepted values.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryEnumAttribute : Attribute
{
    public QueryEnumAttribute(Type enumType) => EnumType = enumType;

    public QueryEnumAttribute(params string[] values) => Values = values;

    public Type? EnumType { get; }

    public IReadOnlyList<string>? Values { get; }
}

internal sealed class QueryEnumFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is not OpenApiParameter concrete
            || context.ParameterInfo?.GetCustomAttributes(typeof(QueryEnumAttribute), inherit: false).FirstOrDefault() is not QueryEnumAttribute declared)
        {
            return;
        }

        concrete.Schema = declared.EnumType is { } type
            ? context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository)
            : new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. declared.Values!.Select(v => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(v)))] };
    }
}
