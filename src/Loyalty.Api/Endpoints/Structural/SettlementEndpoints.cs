using System.Security.Claims;
using System.Text;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Structural.Settlement;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Structural;

/// <summary>Settlement between the programme and a partner: for staff (any partner) and for the partner itself.</summary>
public static class SettlementEndpoints
{
    private const string Description =
        "Period [from, to) in UTC (ISO 8601 instants; an entry at exactly `to` belongs to the next period; at most 366 days). " +
        "Points issued = Earn entries at the partner's stores (pending earns included) − Reverse entries of returns there; " +
        "points redeemed = captured till payments (Redeem entries). Bonuses, rewards and holds are not settled. " +
        "Values use the point value in force now (historical rates are not kept). Net = issued value − redeemed value; positive means the partner owes the programme.";

    public static void MapSettlementEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("/settlements").WithTags("Settlement");
        admin.MapGet("/", async Task<Ok<SettlementResponse>> (Guid? partnerId, DateTimeOffset? from, DateTimeOffset? to, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetSettlementQuery(partnerId ?? Guid.Empty, from, to), ct)))
            .WithSummary("A partner's settlement for a period, per store").WithDescription(Description)
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("AdminGetSettlement");
        admin.MapGet("/csv", async Task<FileContentHttpResult> (Guid? partnerId, DateTimeOffset? from, DateTimeOffset? to, ISender sender, CancellationToken ct) =>
            Csv(await sender.Send(new GetSettlementQuery(partnerId ?? Guid.Empty, from, to), ct)))
            .WithSummary("A partner's settlement for a period, as CSV").WithDescription(Description)
            .Produces<string>(200, "text/csv").ProducesValidationProblem().ProducesProblem(404)
            .WithName("AdminGetSettlementCsv");

        var partner = api.Partner.MapGroup("").RequireScope(ApiKeyScopes.PartnerManage).WithTags("Settlement");
        partner.MapGet("/settlement", async Task<Ok<SettlementResponse>> (DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetSettlementQuery(user.GetPartnerId(), from, to), ct)))
            .WithSummary("My settlement for a period, per store").WithDescription(Description)
            .ProducesValidationProblem()
            .WithName("PartnerGetSettlement");
        partner.MapGet("/settlement.csv", async Task<FileContentHttpResult> (DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            Csv(await sender.Send(new GetSettlementQuery(user.GetPartnerId(), from, to), ct)))
            .WithSummary("My settlement for a period, as CSV").WithDescription(Description)
            .Produces<string>(200, "text/csv").ProducesValidationProblem()
            .WithName("PartnerGetSettlementCsv");
    }

    private static FileContentHttpResult Csv(SettlementResponse settlement) =>
        TypedResults.File(
            Encoding.UTF8.GetBytes(SettlementCsv.Write(settlement)),
            "text/csv; charset=utf-8",
            $"settlement-{settlement.PartnerId:N}-{settlement.From.UtcDateTime:yyyyMMddTHHmmss}-{settlement.To.UtcDateTime:yyyyMMddTHHmmss}.csv");
}
