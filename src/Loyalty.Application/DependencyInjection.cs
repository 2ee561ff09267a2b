using FluentValidation;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Social.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application;

public static class DependencyInjection
{
    /// <summary>Validators and the services use cases share. Mediator itself is registered by the host (it owns the source generator).</summary>
    public static IServiceCollection AddLoyaltyApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<PointsLedger>(ServiceLifetime.Singleton);
        services.AddScoped<PointsLedger>();
        services.AddScoped<MemberEnrolment>();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
