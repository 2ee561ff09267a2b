using Loyalty.Api;
using Loyalty.Api.Auth;
using Loyalty.Api.Endpoints;
using Loyalty.Api.Errors;
using Loyalty.Api.Hosting;
using Loyalty.Api.Idempotency;
using Loyalty.Api.Logging;
using Loyalty.Api.OpenApi;
using Loyalty.Api.RateLimiting;
using Loyalty.Api.StaffDashboard;
using Loyalty.Api.Telemetry;
using Loyalty.Application;
using Loyalty.Application.Behaviours;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Seeding;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<TimeProvider>(new MicrosecondClock(TimeProvider.System));
builder.Services.AddLoyaltyApplication();
builder.Services.AddLoyaltyInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped; // handlers use the scoped DbContext
    options.Assemblies = [typeof(PointsLedger)];
    options.PipelineBehaviors = [typeof(TelemetryBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
builder.Services.AddLoyaltyAuth();
builder.Services.AddLoyaltyRateLimiting(builder.Configuration);
builder.Services.AddLoyaltyProblemDetails();
builder.Services.AddLoyaltySwagger();
builder.Services.AddLoyaltyTelemetry(builder.Configuration); // off unless Telemetry:* is configured
builder.Services.AddLoyaltyShutdown(builder.Configuration); // readiness fails first, then requests and jobs finish
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.AllowTrailingCommas = false;
    // Strict writes: a misspelt or unsupported field is refused (400 unknown_field), never silently dropped.
    o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
    Loyalty.Contracts.Common.WireFormat.Apply(o.SerializerOptions);
});
// Bad bodies throw so that the exception handler answers with problem details instead of an empty 400.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

// One body limit for the whole API, enforced by Kestrel for every body (chunked too); RequestSizeLimitMiddleware
// answers a declared oversize body before it is read.
builder.WebHost.ConfigureKestrel(o =>
{
    o.Limits.MaxRequestBodySize = RequestSizeLimitMiddleware.MaxBodyBytes;
    o.AddServerHeader = false; // no "Server: Kestrel" banner
});

var app = builder.Build();
BearerConfigurationCheck.EnsureConfigured(app.Configuration, app.Environment); // fail fast, before the database is touched

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Seed:DemoProgramme"))
    {
        await scope.ServiceProvider.GetRequiredService<DemoProgrammeSeeder>().SeedAsync(CancellationToken.None);
    }
}

app.UseLoyaltyMetricsEndpoint(); // Prometheus, only on Telemetry:PrometheusPort
app.UseMiddleware<RequestLogMiddleware>(); // one line per request, written when the response is done
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Routing after the log, the headers and the error handling, so a probe answered at routing (ShortCircuit below) still
// gets those and skips everything after: body limits, the dashboard, OpenAPI, authentication, rate limits, idempotency.
app.UseRouting();
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseLoyaltyDashboard(); // static staff page, anonymous: its data calls carry the staff token
app.UseLoyaltyOpenApi();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();

// Liveness checks nothing and holds no state, so it is answered at routing: never rate-limited (a 429 would get a
// healthy instance restarted). Readiness reaches the database, so it keeps the anonymous per-address limit.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().LogFailuresOnly().ShortCircuit();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous().LogFailuresOnly();

app.MapGroup("").AddEndpointFilter<ProblemEndpointFilter>().MapLoyaltyApi();

await app.RunAsync();

/// <summary>The API host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
