using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>The audit log of staff changes.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this Audiences api)
    {
        api.Admin.MapGet("/audit-log", async Task<Ok<Page<AuditLogEntryResponse>>> (string? entityType, string? entityId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListAuditLogQuery(entityType, entityId, limit, cursor), ct)))
            .WithTags("Audit log").WithSummary("Read the audit log, newest first")
            .WithName("ListAuditLog");
    }
}
