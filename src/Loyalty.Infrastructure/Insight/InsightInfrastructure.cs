using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Insight;
using Loyalty.Application.Features.Insight.Health;
using Loyalty.Infrastructure.Customised;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Segments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loyalty.Infrastructure.Insight;

/// <summary>Insight's services: the scoring SQL, its daily job, its scores for segment rules and the value behind assignment suggestions.</summary>
public static class InsightInfrastructure
{
    public static IServiceCollection AddInsight(this IServiceCollection services)
    {
        services.AddScoped<IInsightScoring, SqlInsightScoring>();
        services.AddScoped<IProgrammeHealthSums, SqlProgrammeHealthSums>();
        services.AddPeriodicJob<InsightJob>();
        services.AddSegmentScore<ValueDecileScore>();
        services.AddSegmentScore<LifetimeValueScore>();
        services.AddSegmentScore<ChurnRiskScore>();
        services.AddSegmentScore<MemberClassScore>();
        services.TryAddScoped<SqlMemberValueSource>();
        services.Replace(ServiceDescriptor.Scoped<IMemberValueSource, InsightMemberValueSource>());
        return services;
    }
}
