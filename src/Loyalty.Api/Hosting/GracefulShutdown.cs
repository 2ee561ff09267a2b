using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loyalty.Api.Hosting;

/// <summary>Settings for stopping an instance (section <c>Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long the instance keeps serving after it was told to stop while <c>/health/ready</c> already answers 503,
    /// so the load balancer takes it out of rotation before it stops accepting connections. 0 when the platform
    /// already does this (a Kubernetes <c>preStop</c> sleep); a few seconds behind a load balancer that polls readiness.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long in-flight requests and background jobs get to finish once the instance stops accepting new ones.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Stopping in order: readiness fails at once (<see cref="StoppingHealthCheck"/>), the drain delay passes while requests
/// are still served, then Kestrel stops accepting and waits for in-flight requests, and background jobs see their
/// cancellation and give back what they hold (an import's lease; a webhook batch records what it sent), all within
/// <see cref="ShutdownOptions.Timeout"/>.
/// </summary>
public static class GracefulShutdown
{
    public static IServiceCollection AddLoyaltyShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new ShutdownOptions();
        services.AddSingleton(options);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Timeout + options.DrainDelay);
        services.AddHostedService<DrainDelay>();
        services.AddHealthChecks().AddCheck<StoppingHealthCheck>("stopping", HealthStatus.Unhealthy, tags: ["ready"]);
        return services;
    }

    /// <summary>Runs first when the host stops (before any hosted service, Kestrel included, is stopped).</summary>
    private sealed class DrainDelay(ShutdownOptions options, TimeProvider clock) : IHostedLifecycleService
    {
        public Task StoppingAsync(CancellationToken cancellationToken) =>
            options.DrainDelay > TimeSpan.Zero ? Task.Delay(options.DrainDelay, clock, cancellationToken) : Task.CompletedTask;

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Not ready once the instance is stopping: a load balancer or Kubernetes stops sending it new requests.</summary>
public sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Shutting down.")
            : HealthCheckResult.Healthy());
}
