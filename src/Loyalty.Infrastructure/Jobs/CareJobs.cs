using Loyalty.Application.Features.Care.Cases;
using Loyalty.Application.Features.Care.Surveys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Prompts owners of cases whose next step fell due (once per step) and escalates breached service levels.</summary>
public sealed class CaseFollowUpJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<CaseFollowUpJob> logger)
    : CommandJob<FollowUpCasesCommand>(scopes, clock, options, logger)
{
    public override string Name => "case-follow-up";

    protected override FollowUpCasesCommand CreateCommand() => new();
}

/// <summary>Asks members for a survey after recent touchpoints, within the per-member cap.</summary>
public sealed class SurveyRequestJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<SurveyRequestJob> logger)
    : CommandJob<RequestSurveysCommand>(scopes, clock, options, logger)
{
    public override string Name => "survey-requests";

    protected override RequestSurveysCommand CreateCommand() => new();
}
