using System.Text.Json.Nodes;
using Loyalty.Api.Idempotency;
using Loyalty.Contracts;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Loyalty.Api.OpenApi;

public static class SwaggerSetup
{
    public static IServiceCollection AddLoyaltySwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSingleton(ValidatorBoundsCatalogue.Build);
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(OpenApiDocuments.Member, new OpenApiInfo
            {
                Title = "Loyalty member API",
                Version = "v1",
                Description = "For the mobile app. Authenticate with a bearer token whose `sub` is the member's identity. Errors are RFC 9457 problem details with a stable `code`.",
            });
            o.SwaggerDoc(OpenApiDocuments.Partner, new OpenApiInfo
            {
                Title = "Loyalty partner API",
                Version = "v1",
                Description = "For partner stores and systems. Authenticate with `X-Api-Key`; writes need an `Idempotency-Key` header and can be retried safely with the same key. Errors are RFC 9457 problem details with a stable `code`.",
            });
            o.SwaggerDoc(OpenApiDocuments.Admin, new OpenApiInfo
            {
                Title = "Loyalty admin API",
                Version = "v1",
                Description = "For marketing staff and administrators. Bearer token with role `admin` (programme configuration also accepts `marketing`). Every change is written to the audit log.",
            });
            o.DocInclusionPredicate((document, api) => api.GroupName == document);
            o.DocumentFilter<AudienceSecurityFilter>();
            o.OperationFilter<IdempotencyKeyHeaderFilter>();
            o.OperationFilter<CsvBodyFilter>();
            o.ParameterFilter<QueryEnumFilter>();
            o.OperationFilter<PartnerExamplesFilter>();
            o.SchemaFilter<SchemaExamplesFilter>();
            o.SchemaFilter<ProblemDetailsSchemaFilter>();
            o.SchemaFilter<RequiredPropertiesSchemaFilter>();
            o.OperationFilter<ProblemResponsesFilter>();
            o.DocumentFilter<ServersDocumentFilter>();
            // Bounds first: the generated examples keep within them.
            o.DocumentFilter<RequestBoundsFilter>();
            o.DocumentFilter<OperationExamplesFilter>();
            o.SchemaFilter<MultilineTextSchemaFilter>();
            o.SupportNonNullableReferenceTypes();
            o.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    // Page<PartnerResponse> → "PartnerResponsePage": readable names instead of generic backticks.
    internal static string SchemaId(Type type) =>
        type.IsGenericType ? string.Concat(type.GetGenericArguments().Select(SchemaId)) + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
}

/// <summary>Each document declares only its own audience's credentials.</summary>
internal sealed class AudienceSecurityFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var (name, scheme) = context.DocumentName == OpenApiDocuments.Partner
            ? ("apiKey", new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key", Description = "A partner API key issued by an administrator." })
            : ("bearer", new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = "A signed JWT, validated as RFC8725 advises (signature, issuer, audience, lifetime); in Development, `dotnet user-jwts create` issues one." });
        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        swaggerDoc.Components.SecuritySchemes[name] = scheme;
        swaggerDoc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, swaggerDoc)] = [] }];
    }
}

internal sealed class IdempotencyKeyHeaderFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiresIdempotencyKeyAttribute>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.HeaderName,
            In = ParameterLocation.Header,
            Required = true,
            Description = "A unique key per operation (e.g. a UUID). Retry with the same key: the first response is replayed with Idempotent-Replayed: true.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
    }
}

/// <summary>
/// An endpoint accepting JSON rows or the same rows as a CSV file (the import upload) declares one body type for
/// both; a CSV body is a string of lines, whatever the JSON shape, as long as the endpoint's body limit allows, and
/// either form holds at most <see cref="Domain.Structural.Imports.Import.MaxRows"/> rows.
/// </summary>
internal sealed class CsvBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("text/csv", out var csv) || csv is not OpenApiMediaType media)
        {
            return;
        }

        var limit = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize
            ?? Errors.RequestSizeLimitMiddleware.MaxBodyBytes;
        media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = (int)Math.Min(limit, int.MaxValue), Description = "RFC 4180 lines with a header row." };
        if (content.TryGetValue("application/json", out var json) && json.Schema is OpenApiSchema { Type: JsonSchemaType.Array } rows)
        {
            rows.MaxItems = Domain.Structural.Imports.Import.MaxRows;
        }
    }
}

/// <summary>Documents the extensions every Loyalty problem carries: the stable <c>code</c> clients branch on, and the <c>traceId</c>.</summary>
internal sealed class ProblemDetailsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || !typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.Type))
        {
            return;
        }

        concrete.Properties ??= new Dictionary<string, IOpenApiSchema>();
        concrete.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable, machine-readable error code, e.g. insufficient_points.", Examples = [JsonValue.Create(ErrorCodes.InsufficientPoints)] };
        concrete.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Correlates the response with the server's logs." };
    }
}

/// <summary>Says which free-text fields take line breaks; every other request string refuses control characters.</summary>
internal sealed class MultilineTextSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }

        foreach (var property in context.Type.GetProperties().Where(p => p.IsDefined(typeof(Contracts.Common.MultilineTextAttribute), inherit: true)))
        {
            if (properties.TryGetValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var field) && field is OpenApiSchema concrete)
            {
                concrete.Description = string.IsNullOrEmpty(concrete.Description)
                    ? Contracts.Common.MultilineTextAttribute.Description
                    : $"{concrete.Description} {Contracts.Common.MultilineTextAttribute.Description}";
            }
        }
    }
}

/// <summary>Examples keyed by contract type (used for the type's schema and every body of that type). Realistic request examples, so "Try it out" in Swagger UI starts from a body that works with the demo data.</summary>
internal sealed class SchemaExamplesFilter : ISchemaFilter
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(Contracts.Partner.EnrolMemberRequest)] = """{"storeId":"00000000-0000-0000-0000-000000000000","firstName":"Anna","lastName":"Kowalska","email":"anna@example.com","phone":"+48 600 100 200","birthDate":"1990-04-12"}""",
        [typeof(Contracts.Partner.RecordPurchaseRequest)] = """{"memberNumber":"8024 1736 5912","storeId":"00000000-0000-0000-0000-000000000000","externalId":"R-2026-000123","amount":42.50,"currency":"EUR","purchasedAt":"2026-11-23T10:15:00Z","lines":[{"sku":"ESP-250","category":"coffee","quantity":1,"amount":30.00},{"sku":null,"category":"pastry","quantity":3,"amount":12.50}]}""",
        [typeof(Contracts.Partner.RedeemPointsRequest)] = """{"memberNumber":"8024 1736 5912","storeId":"00000000-0000-0000-0000-000000000000","points":500,"reference":"R-2026-000124"}""",
        [typeof(Contracts.Member.SelfEnrolRequest)] = """{"firstName":"Anna","lastName":"Kowalska","email":"anna@example.com","phone":null,"birthDate":"1990-04-12"}""",
        [typeof(Contracts.Admin.CreatePartnerRequest)] = """{"name":"Corner Bakery","contactEmail":"loyalty@cornerbakery.example"}""",
        [typeof(Contracts.Admin.CreateStoreRequest)] = """{"name":"Corner Bakery, Station Road","code":"CB-001","city":"Springfield"}""",
        [typeof(Contracts.Admin.CreateApiKeyRequest)] = """{"name":"Till integration","scopes":["members:read","members:enrol","points:earn","points:redeem"]}""",
        [typeof(Contracts.Admin.CreateTierRequest)] = """{"name":"Platinum","rank":3,"earnMultiplier":2.0,"qualificationThreshold":20000}""",
        [typeof(Contracts.Admin.TierSchemeRequest)] = """{"effectiveFrom":"2027-01-01T00:00:00Z","windowKind":"rollingMonths","windowMonths":12,"graceDays":30,"downgradeMode":"oneTier","spendCurrency":"EUR","tiers":[{"id":"00000000-0000-0000-0000-000000000001","name":"Bronze","rank":0,"benefits":{"earnMultiplier":1.0}},{"id":"00000000-0000-0000-0000-000000000002","name":"Silver","rank":1,"qualify":{"pointsEarned":1000,"spend":500,"visits":10},"retain":{"pointsEarned":800,"spend":400,"visits":8},"benefits":{"earnMultiplier":1.25,"rewardDiscountPercent":5,"supportResponseHours":48,"perks":["Free delivery"]}},{"id":null,"name":"Gold","rank":2,"qualify":{"pointsEarned":5000,"spend":2000},"benefits":{"earnMultiplier":1.5,"rewardDiscountPercent":10,"supportResponseHours":4,"perks":["Free delivery","Birthday gift"]}}]}""",
        [typeof(Contracts.Admin.EarningRuleRequest)] = """{"name":"Long-tenure perk","kind":"multiplier","factor":1.1,"conditions":{"minimumMembershipMonths":36}}""",
        [typeof(Contracts.Admin.CampaignRequest)] = """{"name":"Weekend double points","from":"2026-12-01T00:00:00Z","until":"2027-01-01T00:00:00Z","weekdays":["saturday","sunday"],"partnerIds":["00000000-0000-0000-0000-000000000000"]}""",
        [typeof(Contracts.Admin.ImportConsentsRequest)] = """{"reference":"crm-migration-2026-12","rows":[{"memberNumber":"8024 1736 5912","purpose":"marketing","channel":"email","granted":true,"decidedAt":"2026-11-30T16:20:00Z"},{"memberNumber":"8024 1736 5912","purpose":"profiling","channel":"none","granted":false,"decidedAt":null}]}""",
        [typeof(Contracts.Admin.CreateAdjustmentRequest)] = """{"points":250,"reason":"Goodwill: delayed delivery, complaint C-1042"}""",
        [typeof(Contracts.Admin.RecordRetentionActionRequest)] = """{"kind":"goodwillPoints","note":"Sorry for the missed delivery; called and agreed 500 points","points":500,"offerId":null,"followUpDays":30}""",
        [typeof(Contracts.Admin.ProgrammeHealthResponse)] = """{"from":"2026-10","to":"2026-10","months":[{"month":"2026-10","computed":true,"computedAt":"2026-12-06T03:00:00Z","activeMembers":41250,"previousActiveMembers":40110,"retainedMembers":30884,"retentionRate":0.77,"churnRate":0.23,"repeatBuyers":17325,"repeatPurchaseRate":0.42,"visits":73890,"newMembers":{"total":1830,"referred":212,"byChannel":[{"channel":"admin","members":24},{"channel":"app","members":1104},{"channel":"store","members":702}],"byCampaign":[{"campaignId":"0193a2f0-6c1e-7b3a-9d5e-2f4c8a1b7e10","name":"Autumn welcome bonus","members":640}]},"points":{"issued":2150400,"redeemed":1290240,"expired":86016,"redemptionRate":0.6},"nps":{"answers":812,"promoters":398,"detractors":130,"score":33.0}}]}""",
        [typeof(Contracts.Admin.CampaignValueResponse)] = """{"runId":"0193a2f1-0b7d-7c44-8e0f-5a9d3c2b1e77","asOf":"2026-12-06T03:00:00Z","currency":"EUR","spendMonths":3,"campaigns":[{"campaignId":"0193a2f0-6c1e-7b3a-9d5e-2f4c8a1b7e10","name":"Autumn welcome bonus","acquired":{"members":640,"scored":590,"totalLifetimeValue":182400.0,"averageLifetimeValue":285.0,"topTwoDeciles":151},"reached":{"members":5210,"scored":5002,"totalLifetimeValue":2240100.5,"averageLifetimeValue":429.9617,"topTwoDeciles":1620}}],"offers":[{"offerId":"0193a2f2-3e51-7a09-b6c2-7d1e4f8a9b30","name":"Double points on coffee beans","startsAt":"2026-09-01T00:00:00Z","controlShare":0.1,"treatment":{"members":4500,"scored":4390,"averageLifetimeValue":512.4,"spendPerMember":96.3},"control":{"members":500,"scored":488,"averageLifetimeValue":471.1,"spendPerMember":81.9},"lifetimeValueUplift":41.3,"spendUpliftPerMember":14.4}]}""",
        [typeof(Contracts.Member.RecommendationResponse)] = """{"rank":1,"kind":"offer","id":"0193a2f0-6c1e-7b3a-9d5e-2f4c8a1b7e10","name":"Double points on coffee beans","category":"coffee-beans","reasonKind":"habit","reason":"Because you buy coffee-beans every month (4 purchases, the last on 8 Nov 2026)","basedOn":{"category":"coffee-beans","purchases":4,"lastPurchasedAt":"2026-11-08T09:30:00Z","intervalDays":30},"score":3.874621,"computedAt":"2026-11-23T03:00:00Z","live":false}""",
        [typeof(Contracts.Admin.RecommendationRefreshResponse)] = """{"members":20008,"recommendations":60024,"coPurchasePairs":2452,"computedAt":"2026-11-23T03:00:00Z"}""",
        [typeof(Contracts.Admin.RecommendationEvaluationResponse)] = """{"k":3,"members":5000,"hits":4040,"hitRate":0.808,"baselineHits":3520,"baselineHitRate":0.704}""",
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Examples = [JsonNode.Parse(example)!];
        }
    }
}
