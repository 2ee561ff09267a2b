using System.Text.Json;
using FluentValidation;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Care;
using Loyalty.Application.Features.Care.Cases;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Application.Features.Customised.Recommendations;
using Loyalty.Application.Features.Financial.Adjustments;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.ClubEvents;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Social.Referrals;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Application.Features.Structural.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application;

public static class DependencyInjection
{
    /// <summary>Validators and the services use cases share. Mediator itself is registered by the host (it owns the source generator).</summary>
    public static IServiceCollection AddLoyaltyApplication(this IServiceCollection services)
    {
        // Stop at a field's first failure (no "required" followed by "malformed" for the same missing value),
        // and name fields as clients send them: "points", not "Request Points".
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddValidatorsFromAssemblyContaining<PointsLedger>(ServiceLifetime.Singleton);
        // Every message, validated or not: no control characters in any request string (see TextSafety).
        services.AddSingleton(typeof(IValidator<>), typeof(TextSafetyValidator<>));
        services.AddScoped<PointsLedger>();
        services.AddSingleton<PointsPolicyCache>();
        services.AddSingleton<TierSchemeCache>();
        services.AddScoped<IMemberDataSection, TierDataSection>();
        services.AddScoped<EventOutbox>();
        services.AddScoped<EarningEngine>();
        services.AddSingleton<EarningRulesCache>();
        services.AddScoped<MemberEnrolment>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<MemberLifecycle>();
        services.AddScoped<MemberClosing>();
        services.AddScoped<MemberDataExporter>();
        services.AddScoped<IMemberDataSection, ProfileDataSection>();
        services.AddScoped<IMemberDataSection, PointsDataSection>();
        services.AddScoped<IMemberDataSection, PurchasesDataSection>();
        services.AddScoped<IMemberDataSection, RedemptionsDataSection>();
        services.AddScoped<IMemberDataSection, VouchersDataSection>();
        services.AddScoped<IMemberDataSection, TransfersDataSection>();
        services.AddScoped<IMemberDataSection, AuditDataSection>();
        services.AddSingleton<ReferralProgrammeCache>();
        services.AddScoped<ReferralEnrolment>();
        services.AddScoped<IMemberDataSection, ReferralDataSection>();
        services.AddScoped<TierSchemeService>();
        services.AddScoped<ClubEventCheckIn>();
        services.AddScoped<IMemberDataSection, ClubEventDataSection>();
        // Customised: profiles and consents
        services.AddScoped<ConsentBook>();
        services.AddScoped<ProfileUpdater>();
        services.AddScoped<HouseholdComposer>();
        services.AddScoped<IMemberDataSection, CustomerProfileDataSection>();
        services.AddScoped<OfferEarning>();
        services.AddScoped<IMemberDataSection, OfferDataSection>();
        services.AddScoped<RecommendationCandidates>();
        services.AddScoped<MemberNextBestOffers>();
        services.AddScoped<IMemberDataSection, RecommendationsDataSection>();

        // Account managers and key-account files (Customised layer).
        services.AddScoped<IPriorityService, PriorityService>();
        services.AddScoped<Assignments>();
        services.AddScoped<IMemberDataSection, AccountManagerDataSection>();

        // Interest notifications (Customised layer).
        services.AddScoped<InterestNotifications>();
        services.AddScoped<IMemberDataSection, NotificationDataSection>();
        // Care: service cases and satisfaction; goodwill points share the adjustment path to the ledger.
        services.AddScoped<GoodwillPoints>();
        services.AddScoped<CaseOpening>();
        services.AddScoped<IMemberDataSection, CareDataSection>();
        return services;
    }
}
