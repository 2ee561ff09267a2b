using Loyalty.Api.Endpoints.Care;
using Loyalty.Api.Endpoints.Customised;
using Loyalty.Api.Endpoints.Financial;
using Loyalty.Api.Endpoints.Insight;
using Loyalty.Api.Endpoints.Social;
using Loyalty.Api.Endpoints.Structural;

namespace Loyalty.Api.Endpoints;

/// <summary>Every route of the API: one file per feature area, under the same Layer/Area names as the Application's Features.</summary>
public static class LoyaltyApi
{
    public static void MapLoyaltyApi(this IEndpointRouteBuilder app)
    {
        var api = Audiences.Map(app);

        api.MapAdjustmentsEndpoints();
        api.MapEarningEndpoints();
        api.MapExpiryEndpoints();
        api.MapGrantsEndpoints();
        api.MapPoliciesEndpoints();
        api.MapRedemptionsEndpoints();
        api.MapReportsEndpoints();
        api.MapReturnsEndpoints();
        api.MapRewardsEndpoints();
        api.MapTransfersEndpoints();

        api.MapClubEventsEndpoints();
        api.MapLifecycleEndpoints();
        api.MapMembersEndpoints();
        api.MapReferralsEndpoints();
        api.MapTiersEndpoints();

        api.MapSegmentsEndpoints();
        api.MapRecommendationsEndpoints();

        api.MapApiKeysEndpoints();
        api.MapImportsEndpoints();
        api.MapPartnersEndpoints();
        api.MapSettlementEndpoints();
        api.MapStoresEndpoints();
        api.MapWebhooksEndpoints();

        api.MapProfilesEndpoints();
        api.MapOffersEndpoints();
        api.MapAccountManagersEndpoints();
        api.MapKeyAccountsEndpoints();
        api.MapNotificationsEndpoints();

        api.MapInsightValueEndpoints();
        api.MapInsightClassesEndpoints();
        api.MapInsightChurnEndpoints();
        api.MapInsightDashboardEndpoints();
        api.MapInsightRetentionEndpoints();
        api.MapInsightHealthEndpoints();

        api.MapCasesEndpoints();
        api.MapSurveysEndpoints();

        api.MapAuditEndpoints();
    }
}
