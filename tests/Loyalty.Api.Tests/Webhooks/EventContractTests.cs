using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Xml.Linq;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Client;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Api.Tests.Webhooks;

/// <summary>
/// Every event type the platform sends has one record, one published schema (api-specs/events, regenerated with
/// LOYALTY_UPDATE_SNAPSHOTS=1 like the OpenAPI documents) and reads back through the SDK.
/// </summary>
public sealed class EventContractTests
{
    private static readonly Assembly Contracts = typeof(ILoyaltyEvent).Assembly;

    [Fact]
    public void Every_event_type_has_exactly_one_registered_record()
    {
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), LoyaltyEvents.Types.Keys.Order(StringComparer.Ordinal));
        var records = Contracts.GetTypes().Where(t => t.IsClass && typeof(ILoyaltyEvent).IsAssignableFrom(t)).ToList();
        Assert.Equal(records.OrderBy(t => t.Name), LoyaltyEvents.Types.Values.OrderBy(t => t.Name));
        foreach (var (type, record) in LoyaltyEvents.Types)
        {
            Assert.Equal(type, record.GetProperty(nameof(ILoyaltyEvent.EventType), BindingFlags.Public | BindingFlags.Static)!.GetValue(null));
            Assert.Matches("V[0-9]+$", record.Name); // the version is in the name
        }
    }

    [Fact]
    public void The_event_schemas_in_api_specs_match_the_records()
    {
        var docs = Documentation();
        foreach (var (type, record) in LoyaltyEvents.Types)
        {
            Snapshots.AssertMatches($"api-specs/events/{type}.json", Schema(type, record, docs).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }

        var published = Directory.GetFiles(Path.Combine(Snapshots.RepositoryRoot, "api-specs", "events"), "*.json").Select(Path.GetFileNameWithoutExtension);
        Assert.Empty(published.Except(LoyaltyEvents.Types.Keys)); // no schema left behind for a type that is gone
    }

    [Fact]
    public void Every_event_record_reads_back_through_the_sdk()
    {
        foreach (var (type, record) in LoyaltyEvents.Types)
        {
            var data = Sample(record);
            var sent = JsonSerializer.Serialize(data, record, LoyaltyEvents.JsonOptions);
            var body = $$"""{"type":"{{type}}","timestamp":"2026-03-01T10:00:00+00:00","data":{{sent}}}""";

            var read = WebhookEvent.Parse(body);

            Assert.Equal(type, read.Type);
            Assert.IsType(record, read.Data);
            Assert.Equal(sent, JsonSerializer.Serialize(read.Data, record, LoyaltyEvents.JsonOptions));
        }
    }

    [Fact]
    public void A_payload_missing_a_field_with_an_unknown_enum_value_or_a_quoted_number_is_refused()
    {
        Assert.Throws<JsonException>(() => WebhookEvent.Parse("""{"type":"points.adjusted","timestamp":"2026-03-01T10:00:00Z","data":{"points":5}}"""));
        Assert.Throws<JsonException>(() => WebhookEvent.Parse(
            """{"type":"points.transferred","timestamp":"2026-03-01T10:00:00Z","data":{"transferId":"0193a2d5-9a0b-7cbd-9ecf-3a4b5c6d7e06","direction":"sideways","points":-5,"counterpart":"L1","occurredAt":"2026-03-01T10:00:00Z"}}"""));
        Assert.Throws<JsonException>(() => WebhookEvent.Parse("""{"type":"points.adjusted","timestamp":"2026-03-01T10:00:00Z","data":{"points":"5","reason":"x","occurredAt":"2026-03-01T10:00:00Z"}}"""));
        var unknown = WebhookEvent.Parse("""{"type":"points.gifted.v9","timestamp":"2026-03-01T10:00:00Z","data":{"points":5}}""");
        Assert.Null(unknown.Data); // a newer type: the raw data is still there
        Assert.Equal(5, unknown.RawData.GetProperty("points").GetInt32());
    }

    /// <summary>The real payloads, strictly: the shape of the record and no field it does not declare (catches SQL-built payloads).</summary>
    public static ILoyaltyEvent ReadStrictly(string type, string payload)
    {
        var options = new JsonSerializerOptions(LoyaltyEvents.JsonOptions) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        return (ILoyaltyEvent)JsonSerializer.Deserialize(payload, LoyaltyEvents.Types[type], options)!;
    }

    private static JsonNode Schema(string type, Type record, Dictionary<string, string> docs)
    {
        var data = LoyaltyEvents.JsonOptions.GetJsonSchemaAsNode(record, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (node is JsonObject o && context.PropertyInfo is null && docs.TryGetValue("T:" + context.TypeInfo.Type.FullName, out var summary))
                {
                    o.Insert(0, "description", summary);
                }

                return node;
            },
        });
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = type,
            ["description"] = $"The webhook body of a {type} event; data is {record.Name} in Loyalty.Contracts.Events.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["const"] = type },
                ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["data"] = data,
            },
            ["required"] = new JsonArray("type", "timestamp", "data"),
        };
    }

    private static Dictionary<string, string> Documentation()
    {
        var path = Path.ChangeExtension(Contracts.Location, ".xml");
        Assert.True(File.Exists(path), $"{path} is missing: the contracts' XML documentation feeds the schemas' descriptions.");
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(
                m => (string)m.Attribute("name")!,
                m => string.Join(" ", string.Concat(m.Element("summary")!.Nodes().Select(n => n is XElement e ? Text(e) : n.ToString())).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    // <see cref="T:X.Y.Rule"/> reads as "Rule"; <c>code</c> as its text.
    private static string Text(XElement element) =>
        element.Value.Length > 0 ? element.Value : ((string?)element.Attribute("cref") ?? (string?)element.Attribute("langword") ?? "").Split('.', ':')[^1];

    // One value of every field, nested records and lists included, so a field that does not round-trip shows.
    private static object Sample(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "text";
        }

        if (type == typeof(Guid))
        {
            return Guid.Parse("0193a2d5-9a0b-7cbd-9ecf-3a4b5c6d7e06");
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return type == typeof(bool) ? true : Convert.ChangeType(7, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = type.GetGenericArguments()[0];
            var list = Array.CreateInstance(item, 1);
            list.SetValue(Sample(item), 0);
            return list;
        }

        var constructor = type.GetConstructors().Single();
        return constructor.Invoke(constructor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray());
    }
}
