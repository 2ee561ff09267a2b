using System.Security.Claims;
using System.Text;
using Loyalty.Api.Auth;
using Loyalty.Api.OpenApi;
using Loyalty.Application.Features.Customised.Segments;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>Segments: rule-based groups of members for marketing, counted before saving and materialised by a set-based refresh.</summary>
public static class SegmentsEndpoints
{
    private const string Tag = "Segments";

    private const string DefinitionHelp =
        "The definition is a small rule tree: {\"kind\":\"all\",\"rules\":[…]} (also any, none) over conditions tier (tierIds), pointsBalance (min/max), "
        + "spend (windowDays, currency, min/max, net of returns), visits (windowDays, min/max purchases), daysSinceLastPurchase and tenureDays (min/max days), "
        + "store, partner, city (storeIds, partnerIds, cities; optional windowDays), interest (topic codes), consent (purpose, channel for marketing), "
        + "household (isHead optional) and score (scores other work registers). Only active members are ever in a segment. "
        + "A bad definition is 400 validation_failed with the path of each field at fault (definition.rules[0].min).";

    public static void MapSegmentsEndpoints(this Audiences api)
    {
        var segments = api.Programme.MapGroup("/segments").WithTags(Tag);
        segments.MapPost("/", async Task<Created<SegmentResponse>> (SegmentRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateSegmentCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/segments/{created.Id}", created);
            })
            .WithSummary("Create a segment")
            .WithDescription(DefinitionHelp + " Its members are computed by the next refresh (POST …/refresh, or the hourly job). Audited.")
            .ProducesValidationProblem()
            .WithName("CreateSegment");
        segments.MapPost("/preview", async Task<Ok<SegmentPreviewResponse>> (SegmentPreviewRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PreviewSegmentQuery(request), ct)))
            .WithSummary("Count the members a definition selects, before saving it")
            .WithDescription(DefinitionHelp + " Nothing is saved; the count is what a refresh at the same moment would find, with up to 10 of the members (by member number).")
            .ProducesValidationProblem()
            .WithName("PreviewSegment");
        segments.MapGet("/", async Task<Ok<Page<SegmentResponse>>> (bool? includeArchived, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListSegmentsQuery(includeArchived ?? false, limit, cursor), ct)))
            .WithSummary("List segments by name")
            .WithDescription("Archived segments only with includeArchived=true. Cursor-paginated.")
            .ProducesProblem(400)
            .WithName("ListSegments");
        segments.MapGet("/{segmentId:guid}", async Task<Ok<SegmentResponse>> (Guid segmentId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetSegmentQuery(segmentId), ct)))
            .WithSummary("Get a segment with its member count and last refresh")
            .ProducesProblem(404)
            .WithName("GetSegment");
        segments.MapPut("/{segmentId:guid}", async Task<Ok<SegmentResponse>> (Guid segmentId, SegmentRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateSegmentCommand(user.GetActor(), segmentId, request), ct)))
            .WithSummary("Replace a segment's name and definition")
            .WithDescription(DefinitionHelp + " The members follow at the next refresh. 409 segment_archived. Audited.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("UpdateSegment");
        segments.MapDelete("/{segmentId:guid}", async Task<Ok<SegmentResponse>> (Guid segmentId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ArchiveSegmentCommand(user.GetActor(), segmentId), ct)))
            .WithSummary("Archive a segment")
            .WithDescription("It is no longer refreshed or changed; its last members and history stay readable. 409 segment_archived when already archived. Audited.")
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("ArchiveSegment");
        segments.MapPost("/{segmentId:guid}/refresh", async Task<Ok<SegmentRefreshResponse>> (Guid segmentId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RefreshSegmentCommand(segmentId), ct)))
            .WithSummary("Refresh a segment's members now")
            .WithDescription("Set-based: members who now match enter, members who no longer match (or are no longer active) leave; each change is kept in the history and sent as a segment.entered or segment.left event. 409 segment_archived.")
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("RefreshSegment");
        segments.MapGet("/{segmentId:guid}/members", async Task<Ok<Page<SegmentMemberResponse>>> (Guid segmentId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListSegmentMembersQuery(segmentId, limit, cursor), ct)))
            .WithSummary("List a segment's members as of its last refresh, by member number")
            .WithDescription("Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListSegmentMembers");
        segments.MapGet("/{segmentId:guid}/history", async Task<Ok<Page<SegmentMembershipChangeResponse>>> (Guid segmentId, Guid? memberId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListSegmentHistoryQuery(segmentId, memberId, limit, cursor), ct)))
            .WithSummary("A segment's entries and exits, newest first")
            .WithDescription("memberId narrows it to one member. Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListSegmentHistory");
        segments.MapGet("/{segmentId:guid}/export", async Task<PushStreamHttpResult> (Guid segmentId, [QueryEnum("email", "push", "sms")] string? channel, ISender sender, CancellationToken ct) =>
            {
                var export = await sender.Send(new ExportSegmentMembersQuery(segmentId, channel), ct);
                return TypedResults.Stream(
                    async body =>
                    {
                        await using var writer = new StreamWriter(body, new UTF8Encoding(false));
                        await foreach (var line in export.Lines)
                        {
                            await writer.WriteAsync(line + "\r\n");
                        }
                    },
                    "text/csv",
                    export.FileName);
            })
            .WithSummary("Export a segment's members who may be contacted on a channel, as CSV")
            .WithDescription("channel is email, push or sms. Only members in the segment at its last refresh who are active and have granted marketing consent on that channel now; the file holds member number, names and that channel's address (e-mail, phone, or the app's user id).")
            .Produces<string>(200, "text/csv").ProducesValidationProblem().ProducesProblem(404)
            .WithName("ExportSegmentMembers");
    }
}
