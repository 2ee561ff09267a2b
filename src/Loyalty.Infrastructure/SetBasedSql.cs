using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Application.Features.Customised.Recommendations;
using Loyalty.Application.Features.Customised.Segments;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Reports;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Infrastructure.Customised;
using Loyalty.Infrastructure.Expiry;
using Loyalty.Infrastructure.Ledger;
using Loyalty.Infrastructure.Notifications;
using Loyalty.Infrastructure.Offers;
using Loyalty.Infrastructure.Recommendations;
using Loyalty.Infrastructure.Reports;
using Loyalty.Infrastructure.Segments;
using Loyalty.Infrastructure.Tiers;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Infrastructure;

/// <summary>
/// The provider SQL behind the narrow interfaces Application declares. Scoped, on the request's (or job's) context,
/// so each statement joins the caller's transaction.
/// </summary>
public static class SetBasedSql
{
    public static IServiceCollection AddSetBasedSql(this IServiceCollection services)
    {
        services.AddScoped<IAccountBalances, SqlAccountBalances>();
        services.AddScoped<IBalanceReads, SqlBalanceReads>();
        services.AddScoped<IPointsExpiry, SqlPointsExpiry>();
        services.AddScoped<ILiabilitySums, SqlLiabilitySums>();
        services.AddScoped<ITierActivity, SqlTierActivity>();
        services.AddScoped<ITierMoves, SqlTierMoves>();
        services.AddScoped<ITierReview, SqlTierReview>();
        services.AddScoped<ITierSchemePreview, SqlTierSchemePreview>();
        services.AddScoped<ISegmentMembership, SqlSegmentMembership>();
        services.AddScoped<IOfferAudience, SqlOfferAudience>();
        services.AddScoped<IOfferReportSums, SqlOfferReportSums>();
        services.AddScoped<IMemberValueSource, SqlMemberValueSource>();
        services.AddScoped<IInterestNotificationFanOut, SqlInterestNotificationFanOut>();
        services.AddScoped<IRecommendationStore, SqlRecommendationStore>();
        return services;
    }
}
