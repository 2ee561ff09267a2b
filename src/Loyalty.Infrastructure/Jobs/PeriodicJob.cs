using System.Diagnostics;
using Loyalty.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Settings for the background jobs (section <c>Jobs</c>). Tests turn the loops off and run jobs by hand.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>How often each job runs, by job name; one minute when not given.</summary>
    public Dictionary<string, TimeSpan> Intervals { get; } = [];

    public TimeSpan IntervalOf(string job) => Intervals.TryGetValue(job, out var interval) && interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(1);
}

/// <summary>
/// A job that runs every so often on every API instance; the work itself is usually an Application command sent
/// through Mediator in a fresh scope (see <see cref="CommandJob{TCommand}"/>). Jobs must be safe to run twice or on two instances at
/// once (set-based updates guarded by conditions, or row locks), so no leader election is needed.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider clock, IOptions<JobOptions> options, ILogger logger) : BackgroundService
{
    /// <summary>The job's name in logs and in <c>Jobs:Intervals</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Does whatever is due now; returns how many items it handled.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    private static readonly TimeSpan NoteworthyRun = TimeSpan.FromSeconds(1);

    private KeyValuePair<string, object?> JobTag => new("job", Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.IntervalOf(Name), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var started = clock.GetTimestamp();
            using var activity = LoyaltyTelemetry.Source.StartActivity("job " + Name, ActivityKind.Internal);
            try
            {
                var handled = await RunOnceAsync(stoppingToken);
                var elapsed = clock.GetElapsedTime(started);
                if (handled > 0 || elapsed >= NoteworthyRun)
                {
                    // A run that did nothing stays quiet unless it took long: finding nothing to do should be cheap.
                    LogRan(logger, Name, handled, (long)elapsed.TotalMilliseconds);
                }

                if (handled > 0)
                {
                    LoyaltyTelemetry.JobItems.Add(handled, JobTag);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                LogFailed(logger, exception, Name); // the next tick tries again; the API keeps serving meanwhile
            }
            finally
            {
                LoyaltyTelemetry.JobDuration.Record(clock.GetElapsedTime(started).TotalSeconds, JobTag);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} handled {Count} item(s) in {ElapsedMs} ms")]
    private static partial void LogRan(ILogger logger, string job, int count, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}

public static class JobRegistration
{
    /// <summary>Registers a job once, as itself (so tests and admin endpoints can run it) and as a hosted service.</summary>
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services)
        where TJob : PeriodicJob
    {
        services.AddSingleton<TJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TJob>());
        return services;
    }
}

/// <summary>A job whose work is one Application command (returning how many items it handled), sent in its own scope.</summary>
public abstract class CommandJob<TCommand>(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger logger)
    : PeriodicJob(clock, options, logger)
    where TCommand : Mediator.ICommand<int>
{
    protected abstract TCommand CreateCommand();

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(CreateCommand(), cancellationToken);
    }
}
