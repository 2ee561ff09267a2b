using System.Globalization;
using System.Text.Json.Nodes;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>Every operation of every document shows a request example (when it takes a body) and a success example, valid against its schema.</summary>
[Collection(ApiCollection.Name)]
public sealed class PartnerExamplesTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("member", 10)]
    [InlineData("partner", 15)]
    [InlineData("admin", 50)]
    public async Task Every_operation_has_request_and_success_response_examples_that_match_their_schemas(string name, int atLeast)
    {
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync($"/swagger/{name}/swagger.json"))!;
        var problems = new List<string>();
        var operations = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                operations++;
                var op = $"{method.ToUpperInvariant()} {path}";
                foreach (var (type, media) in operation!["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    Check($"{op} request ({type})", media!, document, problems);
                }

                var successes = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    problems.Add($"{op}: no success response");
                }

                foreach (var (status, response) in successes)
                {
                    foreach (var (type, media) in response!["content"]?.AsObject() ?? [])
                    {
                        Check($"{op} {status} ({type})", media!, document, problems);
                    }
                }
            }
        }

        Assert.True(operations >= atLeast, $"only {operations} {name} operations found");
        Assert.True(problems.Count == 0, "Fix the examples in src/Loyalty.Api/OpenApi (PartnerExamples.cs, or the type-keyed SchemaExamplesFilter):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_schema_check_catches_a_wrong_example()
    {
        var document = JsonNode.Parse("""{"components":{"schemas":{"R":{"type":"object","properties":{"id":{"type":"string","format":"uuid"},"points":{"type":"integer"},"note":{"type":"string","nullable":true}},"additionalProperties":false}}}}""")!;
        var schema = JsonNode.Parse("""{"$ref":"#/components/schemas/R"}""")!;
        var problems = new List<string>();

        Validate("$", JsonNode.Parse("""{"id":"nope","points":1.5,"note":null,"extra":1}"""), schema, document, problems);

        Assert.Equal(3, problems.Count);
        problems.Clear();
        Validate("$", JsonNode.Parse("""{"id":"0193a2f0-6c1e-7b3a-9d5e-2f4c8a1b7e10","points":2,"note":null}"""), schema, document, problems);
        Assert.Empty(problems);
    }

    private static void Check(string name, JsonNode media, JsonNode document, List<string> problems)
    {
        if (media.AsObject().TryGetPropertyValue("example", out var example))
        {
            Validate(name, example, media["schema"]!, document, problems);
            CheckCodes(name, example, problems);
        }
        else
        {
            problems.Add($"{name}: no example");
        }
    }

    // Card numbers and voucher codes (a "code" next to a "rewardId"; stores have codes too) carry check characters: an example a till could not type in is no example.
    private static void CheckCodes(string at, JsonNode? value, List<string> problems)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (property, child) in obj)
                {
                    if (property == "memberNumber" && MemberNumber.TryParse(child?.GetValue<string>(), out _) != MemberNumberParseResult.Valid)
                    {
                        problems.Add($"{at}: {child} is not a valid member number");
                    }
                    else if (property == "code" && obj.ContainsKey("rewardId") && VoucherCode.TryParse(child?.GetValue<string>(), out _) != CodeParseResult.Valid)
                    {
                        problems.Add($"{at}: {child} is not a valid voucher code");
                    }
                    else
                    {
                        CheckCodes(at, child, problems);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CheckCodes(at, child, problems);
                }

                break;
        }
    }

    private static void Validate(string at, JsonNode? value, JsonNode schema, JsonNode document, List<string> problems)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        }

        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                problems.Add($"{at}: null where the schema does not allow it");
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        var kind = value.GetValueKind();
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    problems.Add($"{at}: {kind} where an object is expected");
                    return;
                }

                var properties = schema["properties"]?.AsObject();
                foreach (var (property, propertyValue) in obj)
                {
                    if (properties?[property] is { } propertySchema)
                    {
                        Validate($"{at}.{property}", propertyValue, propertySchema, document, problems);
                    }
                    else if (schema["additionalProperties"]?.GetValueKind() == System.Text.Json.JsonValueKind.False)
                    {
                        problems.Add($"{at}.{property}: not in the schema");
                    }
                }

                foreach (var required in schema["required"]?.AsArray() ?? [])
                {
                    if (!obj.ContainsKey(required!.GetValue<string>()))
                    {
                        problems.Add($"{at}.{required}: required but missing");
                    }
                }

                break;
            case "array":
                if (value is not JsonArray array)
                {
                    problems.Add($"{at}: {kind} where an array is expected");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Validate($"{at}[{i}]", array[i], schema["items"]!, document, problems);
                }

                break;
            case "string":
                var text = kind == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
                var valid = schema["format"]?.GetValue<string>() switch
                {
                    _ when text is null => false,
                    "uuid" => Guid.TryParse(text, out _),
                    "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _),
                    "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    _ => true,
                };
                if (!valid || (schema["maxLength"]?.GetValue<int>() is { } max && text!.Length > max))
                {
                    problems.Add($"{at}: {value.ToJsonString()} is not a valid {schema["format"] ?? "string"}");
                }

                break;
            case "integer":
                if (kind != System.Text.Json.JsonValueKind.Number || value.ToJsonString().Contains('.', StringComparison.Ordinal))
                {
                    problems.Add($"{at}: {value.ToJsonString()} is not an integer");
                }

                break;
            case "number":
                if (kind != System.Text.Json.JsonValueKind.Number)
                {
                    problems.Add($"{at}: {value.ToJsonString()} is not a number");
                }

                break;
            case "boolean":
                if (kind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                {
                    problems.Add($"{at}: {value.ToJsonString()} is not a boolean");
                }

                break;
        }
    }
}
