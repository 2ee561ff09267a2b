using System.Security.Claims;
using System.Text;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Structural.Imports;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using ImportFormat = Loyalty.Domain.Structural.Imports.ImportFormat;

namespace Loyalty.Api.Endpoints.Structural;

/// <summary>Bulk import of offline purchases (CSV or JSON): upload, progress, the report of rejected rows.</summary>
public static class ImportsEndpoints
{
    /// <summary>The body limit of an upload: 100,000 CSV rows take about 12 MB.</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    private const string Csv = "text/csv";

    public static void MapImportsEndpoints(this Audiences api)
    {
        var partner = api.Partner.MapGroup("/imports").RequireScope(ApiKeyScopes.TransactionsImport).WithTags("Imports");

        partner.MapPost("/", async Task<Results<Accepted<ImportResponse>, ProblemHttpResult>> (HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
                ImportFormat? format = mediaType?.ToLowerInvariant() switch
                {
                    Csv => ImportFormat.Csv,
                    "application/json" => ImportFormat.Json,
                    _ => null,
                };
                if (format is null)
                {
                    return TypedResults.Problem(Errors.Problems.Create(415, Contracts.ErrorCodes.UnsupportedMediaType, "Unsupported media type.", "Send the file as text/csv or application/json."));
                }

                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(ct);
                var import = await sender.Send(new UploadImportCommand(user.GetPartnerId(), format.Value, body), ct);
                return TypedResults.Accepted($"/api/v1/partner/imports/{import.Id}", import);
            })
            .RequireIdempotencyKey().WithMetadata(new BodySizeLimit(MaxUploadBytes))
            .Accepts<IReadOnlyList<ImportRowRequest>>("application/json", Csv)
            .WithSummary("Upload offline purchases (CSV or JSON) for earning in the background")
            .WithDescription("Up to 100,000 rows and 20 MB. CSV: header memberNumber,storeId,externalId,amount,currency,purchasedAt (any order), one purchase per line, " +
                "no basket lines. JSON: an array of the same fields. A file that cannot be read (bad quoting, wrong header, invalid JSON, too many rows) is refused " +
                "with 400 malformed_file or too_many_rows and nothing is stored. Each row then earns exactly like a live purchase; a row that breaks a rule is " +
                "rejected with its reason (see /rejected) while the others earn. A receipt (externalId) earns once: re-uploading counts its rows as duplicates.")
            .ProducesValidationProblem().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .WithName("UploadImport");

        partner.MapGet("/", async Task<Ok<Page<ImportResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListImportsQuery(user.GetPartnerId(), limit, cursor), ct)))
            .WithSummary("Your latest imports (100), newest first")
            .WithName("PartnerListImports");
        partner.MapGet("/{importId:guid}", async Task<Ok<ImportResponse>> (Guid importId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetImportQuery(user.GetPartnerId(), importId), ct)))
            .WithSummary("An import's progress").ProducesProblem(404)
            .WithName("PartnerGetImport");
        partner.MapGet("/{importId:guid}/rejected", async Task<ContentHttpResult> (Guid importId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Text(await sender.Send(new GetRejectedRowsQuery(user.GetPartnerId(), importId), ct), Csv, Encoding.UTF8))
            .WithSummary("The rejected rows of an import, as CSV (rowNumber, externalId, reasonCode, message)")
            .Produces<string>(200, Csv).ProducesProblem(404)
            .WithName("PartnerGetRejectedRows");

        var admin = api.Admin.MapGroup("/partners/{partnerId:guid}/imports").WithTags("Imports");
        admin.MapGet("/", async Task<Ok<Page<ImportResponse>>> (Guid partnerId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListImportsQuery(partnerId, limit, cursor), ct)))
            .WithSummary("A partner's latest imports (100), newest first")
            .WithName("AdminListImports");
        admin.MapGet("/{importId:guid}", async Task<Ok<ImportResponse>> (Guid partnerId, Guid importId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetImportQuery(partnerId, importId), ct)))
            .WithSummary("A partner's import and its progress").ProducesProblem(404)
            .WithName("AdminGetImport");
        admin.MapGet("/{importId:guid}/rejected", async Task<ContentHttpResult> (Guid partnerId, Guid importId, ISender sender, CancellationToken ct) =>
            TypedResults.Text(await sender.Send(new GetRejectedRowsQuery(partnerId, importId), ct), Csv, Encoding.UTF8))
            .WithSummary("The rejected rows of a partner's import, as CSV").Produces<string>(200, Csv).ProducesProblem(404)
            .WithName("AdminGetRejectedRows");
    }

    /// <summary>Raises the body limit for one endpoint (Kestrel's per-request limit and RequestSizeLimitMiddleware both honour it).</summary>
    private sealed class BodySizeLimit(long max) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => max;
    }
}
