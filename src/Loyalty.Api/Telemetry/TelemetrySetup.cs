using Loyalty.Application.Common;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Loyalty.Api.Telemetry;

/// <summary>Settings for traces and metrics (section <c>Telemetry</c>); everything is off unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Collects traces and metrics even without an exporter configured here (e.g. exporters added in code or by OTEL_* variables).</summary>
    public bool Enabled { get; set; }

    public string ServiceName { get; set; } = "loyalty-api";

    /// <summary>Share of new traces kept (0–1); a trace started by a caller that sampled it is always kept.</summary>
    public double SampleRatio { get; set; } = 1.0;

    /// <summary>OTLP collector address (e.g. <c>http://otel-collector:4317</c>); no OTLP export when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// The port on which <c>GET /metrics</c> answers Prometheus; no scrape endpoint when 0. The endpoint answers only
    /// requests that arrived on this port, so the port can stay off the load balancer and the public path has no /metrics.
    /// </summary>
    public int PrometheusPort { get; set; }

    public bool IsOn => Enabled || OtlpEndpoint is not null || PrometheusPort > 0;
}

public static class TelemetrySetup
{
    public const string ScrapePath = "/metrics";

    /// <summary>Traces HTTP → use case → database → webhook posts, and the ASP.NET Core, runtime and Loyalty metrics.</summary>
    public static IServiceCollection AddLoyaltyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(options);
        if (!options.IsOn)
        {
            return services; // no listener at all: counters and spans cost a field read
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.SampleRatio, 0, 1))))
                .AddSource(LoyaltyTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(LoyaltyTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore");
                if (options.PrometheusPort > 0)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol, endpoint);
        }

        return services;
    }

    /// <summary>The scrape endpoint, first in the pipeline (no authentication, rate limit or request log line), on its own port only.</summary>
    public static IApplicationBuilder UseLoyaltyMetricsEndpoint(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<TelemetryOptions>();
        if (options.PrometheusPort > 0)
        {
            var port = options.PrometheusPort;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == port && context.Request.Path == ScrapePath);
        }

        return app;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
