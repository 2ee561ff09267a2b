using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// Telemetry switched on (it is off in every other test) with the in-memory exporters: a purchase is one trace from
/// the HTTP request through the use case to the database, webhook posts are spans of the dispatcher, the business
/// counters move, and the request log is one structured line with no personal data.
/// In the "api" collection: the Loyalty meter is process-wide, and no other API test runs meanwhile.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly LockedList<Activity> _spans = new();
    private readonly LockedList<MetricSnapshot> _metrics = new();
    private readonly StructuredLogs _logs = new();
    private LoyaltyApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _api = new LoyaltyApiFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            new Dictionary<string, string?>
            {
                ["Telemetry:Enabled"] = "true",
                ["Logging:LogLevel:Default"] = "Information", // only appsettings.json's own levels keep framework lines out
            })
        {
            TestServices = services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(_spans));
                services.ConfigureOpenTelemetryMeterProvider(b => b.AddInMemoryExporter(_metrics));
                services.AddSingleton<ILoggerProvider>(_logs);
            },
        };
        _ = _api.Server;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_purchase_is_one_trace_from_http_through_the_use_case_to_the_database_and_the_business_counters_move()
    {
        var s = await Scenario.StartAsync(_api);
        var member = await s.EnrolAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        var earnedBefore = Sum("loyalty.points.earned");
        var replaysBefore = Sum("loyalty.idempotency.replays");

        var traceId = ActivityTraceId.CreateRandom();
        var key = Guid.NewGuid().ToString();
        var purchase = s.Purchase(member.MemberNumber, 42m);
        PurchaseResponse earned;
        using (var request = Traced(HttpMethod.Post, "/api/v1/partner/transactions", traceId, purchase, key))
        using (var response = await s.Partner.SendAsync(request))
        {
            await response.EnsureStatusAsync(HttpStatusCode.Created);
            earned = (await response.Content.ReadFromJsonAsync<PurchaseResponse>(HttpTestExtensions.Json))!;
        }

        using (var retry = Traced(HttpMethod.Post, "/api/v1/partner/transactions", ActivityTraceId.CreateRandom(), purchase, key))
        using (var replayed = await s.Partner.SendAsync(retry))
        {
            Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        }

        using (var tooMuch = await s.Partner.PostAsync(PointsFlowsRedemptions, s.Redemption(member.MemberNumber, 1_000_000), Guid.NewGuid().ToString()))
        {
            await tooMuch.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        }

        await _api.PumpUntilAsync(() => !receiver.Received.IsEmpty);
        await _api.Services.GetRequiredService<WebhookBacklogProbe>().MeasureAsync(CancellationToken.None);
        Flush();

        // The trace: the server span, the use case's span under it, the use case's database spans under that.
        var all = _spans.Snapshot();
        var trace = all.Where(a => a.TraceId == traceId).ToList();

        var http = Assert.Single(trace, a => a.Kind == ActivityKind.Server);
        Assert.Equal("/api/v1/partner/transactions/", http.GetTagItem("http.route")); // the template of MapPost("/") on the group
        Assert.Equal(201, http.GetTagItem("http.response.status_code"));
        var handler = Assert.Single(trace, a => a.Source.Name == "Loyalty" && a.DisplayName == "RecordPurchaseCommand");
        Assert.True(IsUnder(handler, http, trace));
        var database = trace.Where(a => a.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore").ToList();
        Assert.All(database, d => Assert.True(IsUnder(d, http, trace), d.DisplayName)); // the API key's lookup comes before the use case
        Assert.Contains(database, d => IsUnder(d, handler, trace));

        // The webhook post is an HTTP client span of the dispatcher's use case.
        var posts = all.Where(a => a.Kind == ActivityKind.Client && a.GetTagItem("url.full") is string url && url.StartsWith(receiver.Url, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, post => Assert.True(IsUnder(post, Assert.Single(all, a => a.TraceId == post.TraceId && a.DisplayName == "DispatchWebhooksCommand"), all)));

        // The counters: this purchase's points (the shared meter may have seen other earnings, never fewer), one replay,
        // one declined authorisation by its reason, one successful delivery, the backlog gauges measured.
        Assert.True(Sum("loyalty.points.earned") - earnedBefore >= earned.PointsEarned, "points earned");
        Assert.True(earned.PointsEarned > 0);
        Assert.True(Sum("loyalty.idempotency.replays") - replaysBefore >= 1, "replays");
        Assert.True(Sum("loyalty.authorisations.declined", ("reason", "insufficient_points")) >= 1, "declined");
        Assert.True(Sum("loyalty.webhook.deliveries", ("outcome", "succeeded")) >= 1, "deliveries");
        Assert.Contains(Latest(), m => m.Name == "loyalty.outbox.backlog");
        Assert.Contains(Latest(), m => m.Name == "loyalty.webhook.age");
        Assert.Contains(Latest(), m => m.Name == "http.server.request.duration");

        // The request log: one structured line for the purchase, with the trace id and the partner, and nothing personal.
        var line = Assert.Single(_logs.Requests, l => Equals(l["TraceId"], traceId.ToHexString()));
        Assert.Equal(("POST", "/api/v1/partner/transactions/", 201, "partner:" + s.PartnerInfo.Id), (line["Method"], line["Route"], line["Status"], line["Caller"]));
        Assert.IsType<double>(line["DurationMs"]);
        var everything = string.Join("\n", _logs.All.Select(e => e.Text));
        Assert.DoesNotContain(member.MemberNumber, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@test", everything, StringComparison.Ordinal); // the admin's subject is an e-mail: pseudonymised
        Assert.DoesNotContain(_logs.All, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    private const string PointsFlowsRedemptions = "/api/v1/partner/redemptions";

    private static HttpRequestMessage Traced(HttpMethod method, string url, ActivityTraceId traceId, object body, string key)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: HttpTestExtensions.Json) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    private static bool IsUnder(Activity child, Activity ancestor, List<Activity> trace)
    {
        var byId = trace.GroupBy(a => a.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var parent = child.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            if (next.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private void Flush()
    {
        _api.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _api.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    /// <summary>The newest export of each metric (cumulative, so the latest holds the totals).</summary>
    private List<MetricSnapshot> Latest() => _metrics.Snapshot().GroupBy(m => m.Name).Select(g => g.Last()).ToList();

    private long Sum(string name, (string Key, string Value)? tag = null)
    {
        Flush();
        var metric = Latest().SingleOrDefault(m => m.Name == name);
        if (metric is null)
        {
            return 0;
        }

        long total = 0;
        foreach (var point in metric.MetricPoints)
        {
            var matches = tag is null;
            foreach (var t in point.Tags)
            {
                matches |= tag is { } wanted && t.Key == wanted.Key && Equals(t.Value, wanted.Value);
            }

            if (matches)
            {
                total += point.GetSumLong();
            }
        }

        return total;
    }

    /// <summary>Every log entry with its structured fields (the JSON console formatter writes the same fields).</summary>
    private sealed class StructuredLogs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Text)> All { get; } = new();

        public ConcurrentQueue<Dictionary<string, object?>> Requests { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(StructuredLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                logs.All.Enqueue((category, logLevel, formatter(state, exception) + " " + string.Join(" ", fields.Select(f => f.Value))));
                if (category == "Loyalty.Api.Logging.RequestLogMiddleware")
                {
                    logs.Requests.Enqueue(fields.ToDictionary(f => f.Key, f => f.Value));
                }
            }
        }
    }

    /// <summary>A list the exporters may add to from any thread.</summary>
    private sealed class LockedList<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
