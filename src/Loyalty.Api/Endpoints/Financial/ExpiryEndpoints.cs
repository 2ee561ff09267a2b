using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Points expiry as the member sees it.</summary>
public static class ExpiryEndpoints
{
    public static void MapExpiryEndpoints(this Audiences api)
    {
        api.Member.MapGet("/points/expiring", async Task<Ok<ExpiringPointsResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyExpiringPointsQuery(user.GetSubject()), ct)))
            .WithTags("Me").WithSummary("My points that will expire, by day")
            .WithDescription("Available points with an expiry date, grouped by the UTC day they expire, earliest first. Pending points are not listed until they become available.")
            .ProducesProblem(404)
            .WithName("GetMyExpiringPoints");
    }
}
