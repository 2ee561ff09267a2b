using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Loyalty.Api.OpenApi;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The bounds the documents declare on what clients send are the ones the validators enforce: every bound a
/// validator states is in the documents, a sample of well-known fields carries its bound, and for every top-level
/// body field with a declared maxLength or maximum, a value just inside passes that field's checks and one just
/// outside is refused with 400 naming the field.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestBoundsTests(ApiFixture fixture)
{
    private static readonly string[] Documents = ["member", "partner", "admin"];

    [Fact]
    public async Task Every_validator_bound_is_declared_on_its_request_schema()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var schemas = await SchemasAsync(api);
        var catalogue = api.Services.GetRequiredService<ValidatorBoundsCatalogue>();
        var failures = new List<string>();
        var checkedFields = 0;
        foreach (var ((owner, property), bounds) in catalogue.Fields.Where(f => !f.Value.IsEmpty && f.Key.Owner.Namespace?.StartsWith("Loyalty.Contracts", StringComparison.Ordinal) == true))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property);
            var declared = schemas.Where(s => s.Key == owner.Name && s.Request).Select(s => s.Value).ToList();
            if (declared.Count == 0)
            {
                continue; // a type checked but sent by no client (e.g. a purchase rebuilt from an imported row)
            }

            foreach (var schema in declared)
            {
                checkedFields++;
                if (schema["properties"]?[name] is not JsonObject field)
                {
                    failures.Add($"{owner.Name}.{name}: bounded by a validator ({bounds}) but not in the schema");
                    continue;
                }

                Compare(failures, $"{owner.Name}.{name}", field, bounds);
                if (bounds.Required && schema["required"]?.AsArray().Any(r => r?.GetValue<string>() == name) != true)
                {
                    failures.Add($"{owner.Name}.{name}: required by a validator but not listed in required");
                }
            }
        }

        Assert.True(checkedFields >= 150, $"only {checkedFields} validator-bounded fields were found in the documents");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Well_known_fields_carry_their_bounds()
    {
        var schemas = (await SchemasAsync(fixture.For(DatabaseProvider.Sqlite))).Where(s => s.Request).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Value);
        JsonNode Field(string type, string name) => schemas[type]["properties"]![name]!;

        Assert.Equal(200, Field(nameof(CreatePartnerRequest), "name")["maxLength"]!.GetValue<int>());
        Assert.Equal(1, Field(nameof(CreatePartnerRequest), "name")["minLength"]!.GetValue<int>());
        Assert.Contains("name", schemas[nameof(CreatePartnerRequest)]["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("email", Field(nameof(CreatePartnerRequest), "contactEmail")["format"]!.GetValue<string>());
        Assert.Equal(100, Field(nameof(RecordPurchaseRequest), "externalId")["maxLength"]!.GetValue<int>());
        Assert.Equal(1, Field(nameof(RecordPurchaseRequest), "lines")["minItems"]!.GetValue<int>());
        Assert.Equal(500, Field(nameof(RecordPurchaseRequest), "lines")["maxItems"]!.GetValue<int>());
        Assert.Equal(0m, Field(nameof(RecordPurchaseRequest), "amount")["minimum"]!.GetValue<decimal>());
        Assert.True(Field(nameof(RecordPurchaseRequest), "amount")["exclusiveMinimum"]!.GetValue<bool>());
        Assert.Equal(1_000_000m, Field(nameof(RecordPurchaseRequest), "amount")["maximum"]!.GetValue<decimal>());
        Assert.Equal(100, Field(nameof(PurchaseLineRequest), "sku")["maxLength"]!.GetValue<int>());
        Assert.Equal(1, Field(nameof(CreateBulkGrantRequest), "points")["minimum"]!.GetValue<long>());
        Assert.Equal(Domain.Financial.Grants.BulkGrant.MaxPoints, Field(nameof(CreateBulkGrantRequest), "points")["maximum"]!.GetValue<long>());
        Assert.Equal(Domain.Financial.Grants.BulkGrant.MaxMembers, Field(nameof(CreateBulkGrantRequest), "memberNumbers")["maxItems"]!.GetValue<int>());
        Assert.Equal(@"^\+?[0-9 ()-]{4,32}$", Field(nameof(EnrolMemberRequest), "phone")["pattern"]!.GetValue<string>());
        Assert.Equal(36, Field(nameof(EnrolMemberRequest), "storeId")["maxLength"]!.GetValue<int>());
        // No validator bounds a description: the ceiling every message is checked against is declared instead.
        Assert.Equal(TextSafety.MaxTextLength, Field(nameof(CampaignRequest), "description")["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public void A_string_or_list_no_validator_bounds_is_refused_past_the_declared_ceiling()
    {
        var within = new CreateApiKeyRequest(new string('a', TextSafety.MaxTextLength), [.. Enumerable.Repeat("points:earn", TextSafety.MaxListItems)]);
        Assert.Empty(TextSafety.Problems(within));
        Assert.True(TextSafety.IsClean(within));

        var past = new CreateApiKeyRequest(new string('a', TextSafety.MaxTextLength + 1), [.. Enumerable.Repeat("points:earn", TextSafety.MaxListItems + 1)]);
        Assert.Equal(["name", "scopes"], TextSafety.Problems(past).Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.False(TextSafety.IsClean(past));
        var ids = new CampaignRequest("Ids", DateTimeOffset.UnixEpoch, PartnerIds: [.. Enumerable.Range(0, TextSafety.MaxListItems + 1).Select(_ => Guid.NewGuid())]);
        Assert.Equal("partnerIds", Assert.Single(TextSafety.Problems(ids)).Field); // lists of ids are counted too
        Assert.False(TextSafety.IsClean(ids));
    }

    [Fact]
    public async Task Declared_maximums_of_body_fields_are_the_enforced_ones()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var member = s.MemberClient("bounds-" + Unique.Id());
        var failures = new List<string>();
        var probes = 0;
        foreach (var document in Documents)
        {
            var client = document switch { "member" => member, "partner" => s.Partner, _ => s.Admin };
            using var http = api.CreateClient();
            var doc = JsonNode.Parse(await http.GetStringAsync($"/swagger/{document}/swagger.json"))!;
            var schemas = doc["components"]!["schemas"]!.AsObject();
            // A field left null in one example (a PATCH) borrows another example's text for it, keeping its shape.
            var texts = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
                .Select(o => o.Value?["requestBody"]?["content"]?["application/json"]?["example"]).OfType<JsonObject>()
                .SelectMany(e => e).Where(f => f.Value?.GetValueKind() == JsonValueKind.String)
                .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value!);
            foreach (var (path, item) in doc["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "post" or "put" or "patch"))
                {
                    if (operation!["requestBody"]?["content"]?["application/json"] is not JsonObject media
                        || media["example"] is not JsonObject example
                        || media["schema"]?["$ref"]?.GetValue<string>() is not { } reference)
                    {
                        continue;
                    }

                    var properties = schemas[reference.Split('/')[^1]]!["properties"]!.AsObject();
                    foreach (var (name, field) in properties)
                    {
                        if (Limits(field!, example[name] ?? texts.GetValueOrDefault(name)) is not { } limits)
                        {
                            continue;
                        }

                        probes++;
                        var url = Concrete(path);
                        var inside = await ErrorsAsync(client, method, url, With(example, name, limits.Inside));
                        var outside = await ErrorsAsync(client, method, url, With(example, name, limits.Outside));
                        if (inside.TryGetValue(name, out var refusal))
                        {
                            failures.Add($"{method.ToUpperInvariant()} {path} {name}: refused at its declared bound ({refusal})");
                        }

                        if (!outside.ContainsKey(name))
                        {
                            failures.Add($"{method.ToUpperInvariant()} {path} {name}: accepted past its declared bound");
                        }
                    }
                }
            }
        }

        Assert.True(probes >= 60, $"only {probes} bounds were probed");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A value at a field's declared bound and one just past it, for bounds a validator sets (not type or ceiling bounds).</summary>
    private static (JsonNode Inside, JsonNode Outside)? Limits(JsonNode field, JsonNode? example)
    {
        var type = field["type"]?.GetValue<string>();
        if (type == "string" && field["maxLength"]?.GetValue<int>() is { } max and < TextSafety.MaxTextLength
            && field["format"] is null && field["pattern"] is null && field["enum"] is null)
        {
            // The example's own text padded, so a value with a shape of its own (a URL) keeps it.
            var text = example?.GetValueKind() == JsonValueKind.String ? example.GetValue<string>() : "";
            var inside = text.Length <= max ? text + new string('a', max - text.Length) : new string('a', max);
            return (JsonValue.Create(inside), JsonValue.Create(inside + "a"));
        }

        if (type is "integer" or "number" && field["maximum"] is { } maximum && field["exclusiveMaximum"]?.GetValue<bool>() != true)
        {
            var value = maximum.GetValue<decimal>();
            if (value is int.MaxValue or long.MaxValue)
            {
                return null; // the type's own range
            }

            return type == "integer"
                ? (JsonValue.Create((long)value), JsonValue.Create((long)value + 1))
                : (JsonValue.Create(value), JsonValue.Create(value + 1));
        }

        return null;
    }

    private static JsonObject With(JsonObject example, string name, JsonNode value)
    {
        var body = example.DeepClone().AsObject();
        body[name] = value.DeepClone();
        return body;
    }

    /// <summary>The fields a request is refused for with 400 (none when it gets past validation).</summary>
    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpClient client, string method, string url, JsonObject body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return [];
        }

        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (problem["errors"]?.AsObject() ?? []).GroupBy(e => e.Key.Split('.', '[')[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Value?.ToJsonString())), StringComparer.OrdinalIgnoreCase);
    }

    private static void Compare(List<string> failures, string field, JsonObject schema, FieldBounds bounds)
    {
        void Check(string keyword, object? expected)
        {
            if (expected is null)
            {
                return;
            }

            var actual = schema[keyword]?.ToJsonString();
            var wanted = expected switch
            {
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                string text => JsonValue.Create(text).ToJsonString(),
                _ => Convert.ToString(expected, CultureInfo.InvariantCulture),
            };
            if (actual is null || (actual != wanted && !(decimal.TryParse(actual, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(wanted, CultureInfo.InvariantCulture, out var w) && a == w)))
            {
                failures.Add($"{field}: {keyword} is {actual ?? "missing"}, the validators say {wanted}");
            }
        }

        Check("minLength", bounds.MinLength);
        Check("maxLength", bounds.MaxLength);
        Check("minimum", bounds.Minimum);
        Check("exclusiveMinimum", bounds.Minimum is null ? null : bounds.ExclusiveMinimum ? true : null);
        Check("maximum", bounds.Maximum);
        Check("exclusiveMaximum", bounds.Maximum is null ? null : bounds.ExclusiveMaximum ? true : null);
        Check("minItems", bounds.MinItems);
        Check("maxItems", bounds.MaxItems);
        Check("pattern", bounds.Pattern);
        if (bounds.Items is { IsEmpty: false } items)
        {
            if (schema["items"] is JsonObject element && element["$ref"] is null)
            {
                Compare(failures, field + "[]", element, items);
            }
            else if (schema["items"] is not JsonObject)
            {
                failures.Add($"{field}: the validators bound its items ({items}) but it is not a list");
            }
        }
    }

    /// <summary>Every component schema of the three documents, and whether a request body reaches it (responses carry no request bounds).</summary>
    private static async Task<List<(string Key, JsonObject Value, bool Request)>> SchemasAsync(LoyaltyApiFactory api)
    {
        using var client = api.CreateClient();
        var all = new List<(string, JsonObject, bool)>();
        foreach (var document in Documents)
        {
            var doc = JsonNode.Parse(await client.GetStringAsync($"/swagger/{document}/swagger.json"))!;
            var components = doc["components"]!["schemas"]!.AsObject();
            var reached = new HashSet<string>(StringComparer.Ordinal);
            void Reach(JsonNode? node)
            {
                switch (node)
                {
                    case JsonObject o:
                        if (o["$ref"]?.GetValue<string>() is { } reference && reached.Add(reference.Split('/')[^1]))
                        {
                            Reach(components[reference.Split('/')[^1]]);
                        }

                        foreach (var (_, child) in o)
                        {
                            Reach(child);
                        }

                        break;
                    case JsonArray a:
                        foreach (var child in a)
                        {
                            Reach(child);
                        }

                        break;
                }
            }

            foreach (var (_, item) in doc["paths"]!.AsObject())
            {
                foreach (var (_, operation) in item!.AsObject())
                {
                    Reach(operation?["requestBody"]?["content"]);
                }
            }

            all.AddRange(components.Select(s => (s.Key, s.Value!.AsObject(), reached.Contains(s.Key))));
        }

        return all;
    }

    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(?<name>[^}:]+)(:[^}]+)?\}", m =>
            m.Groups["name"].Value == "memberNumber" ? "800000000009" : Guid.NewGuid().ToString());
}
