using System.Net;
using System.Net.Sockets;
using System.Text;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ImportStatus = Loyalty.Domain.Structural.Imports.ImportStatus;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The API as a load balancer and Kubernetes see it, on real Kestrel ports: the Prometheus endpoint on its own port
/// only, readiness that fails as soon as the instance is stopping, in-flight requests that finish during a stop, and
/// an import's lease given back when its job is stopped.
/// </summary>
public sealed class DeploymentShapeTests
{
    [Fact]
    public async Task Prometheus_scrapes_the_metrics_port_and_the_public_port_has_no_metrics()
    {
        var (apiPort, metricsPort) = (FreePort(), FreePort());
        await using var api = new LoyaltyApiFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            new Dictionary<string, string?> { ["Telemetry:PrometheusPort"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        api.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, apiPort);
            o.Listen(IPAddress.Loopback, metricsPort);
        });
        api.StartServer();
        using var http = new HttpClient();

        using (var live = await http.GetAsync(new Uri($"http://127.0.0.1:{apiPort}/health/live")))
        {
            live.EnsureSuccessStatusCode();
        }

        await api.Services.GetRequiredService<WebhookBacklogProbe>().MeasureAsync(CancellationToken.None);
        using var scrape = await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        scrape.EnsureSuccessStatusCode();
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("loyalty_outbox_backlog", text, StringComparison.Ordinal);
        Assert.Contains("loyalty_webhook_backlog", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);

        using var onPublicPort = await http.GetAsync(new Uri($"http://127.0.0.1:{apiPort}/metrics"));
        Assert.NotEqual(HttpStatusCode.OK, onPublicPort.StatusCode);
        Assert.DoesNotContain("loyalty_outbox_backlog", await onPublicPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_fails_readiness_at_once_and_finishes_the_requests_in_flight()
    {
        var port = FreePort();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var api = new LoyaltyApiFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            new Dictionary<string, string?> { ["Shutdown:DrainDelay"] = "00:00:01", ["Shutdown:Timeout"] = "00:00:20" })
        {
            // A request that stays in flight until the test lets it go.
            TestServices = services => services.AddSingleton<IStartupFilter>(new SlowEndpoint(entered, release)),
        };
        api.UseKestrel(port);
        api.StartServer();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using (var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var slow = http.GetAsync(new Uri("/test/slow", UriKind.Relative));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = api.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
        var stopped = api.Services.GetRequiredService<IHost>().StopAsync(); // what SIGTERM does (disposing the factory would drop the server at once)
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Readiness fails as soon as the instance is stopping, while the request in flight is still running.
        var health = api.Services.GetRequiredService<HealthCheckService>();
        var readiness = await health.CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Unhealthy, readiness.Entries["stopping"].Status);
        Assert.Equal(HealthStatus.Healthy, readiness.Entries["database"].Status);
        Assert.False(stopped.IsCompleted);
        release.SetResult();
        using var response = await slow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
        await stopped.WaitAsync(TimeSpan.FromSeconds(20));
        await api.DisposeAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_stopped_import_job_gives_its_lease_back_and_the_next_run_resumes_at_once(DatabaseProvider provider)
    {
        using var stop = new CancellationTokenSource();
        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(provider))
        {
            TestServices = services => services.ConfigureDbContext<LoyaltyDbContext>(o => o.AddInterceptors(new StopAfterClaim(stop))),
        };
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var at = api.Clock.GetUtcNow().AddDays(-1).ToString("O");
        var csv = new StringBuilder("memberNumber,storeId,externalId,amount,currency,purchasedAt\n");
        for (var i = 0; i < 3; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{member.MemberNumber},{s.Store.Id},R-{Unique.Id()},10,EUR,{at}\n");
        }

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        upload.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using (var response = await s.Partner.SendAsync(upload))
        {
            await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        }

        // The host stops right after the job claimed the import: the job ends, and the lease is not left to run out.
        var job = api.Services.GetRequiredService<ImportJob>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunOnceAsync(stop.Token));
        await using (var db = api.CreateDbContext())
        {
            var import = await db.Imports.AsNoTracking().SingleAsync();
            Assert.Null(import.ClaimedUntil);
            Assert.NotEqual(ImportStatus.Completed, import.Status);
        }

        // Another instance (here: the next run) takes it over now, not five minutes later.
        Assert.Equal(3, await job.RunOnceAsync(CancellationToken.None));
        await using (var db = api.CreateDbContext())
        {
            Assert.Equal(ImportStatus.Completed, (await db.Imports.AsNoTracking().SingleAsync()).Status);
        }

        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SlowEndpoint(TaskCompletionSource entered, TaskCompletionSource release) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/slow", slow => slow.Run(async context =>
            {
                entered.TrySetResult();
                await release.Task;
                await context.Response.WriteAsync("finished");
            }));
            next(app);
        };
    }

    /// <summary>Cancels the job's token once its claim on an import has been written (the moment a stop would hurt most).</summary>
    private sealed class StopAfterClaim(CancellationTokenSource stop) : DbCommandInterceptor
    {
        public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (result == 1 && command.CommandText.Contains("UPDATE \"Imports\"", StringComparison.Ordinal) && command.CommandText.Contains("ClaimedUntil", StringComparison.Ordinal))
            {
                stop.Cancel();
            }

            return ValueTask.FromResult(result);
        }
    }
}
