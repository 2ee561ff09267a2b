using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Loyalty.Application.Common;

/// <summary>
/// The platform's own traces and business metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>,
/// both named <c>Loyalty</c>. With no listener (telemetry off, as in tests by default) a counter's Add and
/// StartActivity return at once, so the hot path pays a field read; tags are static strings, never per-call values.
/// </summary>
public static class LoyaltyTelemetry
{
    public const string Name = "Loyalty";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Points written to the ledger by Earn and Bonus entries (pending points included), once committed (tallied by the <see cref="WriteTransaction"/> that writes them).</summary>
    public static readonly Counter<long> PointsEarned = Meter.CreateCounter<long>("loyalty.points.earned", "{point}", "Points earned (purchases and bonuses, pending included)");

    /// <summary>Points spent by Redeem entries (captured till payments and rewards), once committed.</summary>
    public static readonly Counter<long> PointsRedeemed = Meter.CreateCounter<long>("loyalty.points.redeemed", "{point}", "Points redeemed");

    /// <summary>Points taken by Expire entries (the expiry job), once committed.</summary>
    public static readonly Counter<long> PointsExpired = Meter.CreateCounter<long>("loyalty.points.expired", "{point}", "Points expired by the expiry job");

    /// <summary>Till authorisations refused by a business rule; tag <c>reason</c> is the error code.</summary>
    public static readonly Counter<long> AuthorisationsDeclined = Meter.CreateCounter<long>("loyalty.authorisations.declined", "{authorisation}", "Till authorisations declined, by error code");

    public static readonly Counter<long> IdempotentReplays = Meter.CreateCounter<long>("loyalty.idempotency.replays", "{request}", "Requests answered from a stored Idempotency-Key response");

    /// <summary>Webhook posts by <c>outcome</c> (<see cref="WebhookOutcomes"/>).</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("loyalty.webhook.deliveries", "{delivery}", "Webhook delivery attempts, by outcome");

    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("loyalty.job.duration", "s", "Duration of one background job run, by job");

    public static readonly Counter<long> JobItems = Meter.CreateCounter<long>("loyalty.job.items", "{item}", "Items handled by background job runs, by job");

    public static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("loyalty.import.rows", "{row}", "Import rows settled");

    private static Backlog? _backlog;

    /// <summary>
    /// The outbox and webhook backlog, as last measured by the webhook dispatcher (every few seconds while someone
    /// collects metrics): a scrape reads this cached figure and never queries the database.
    /// </summary>
    public static readonly ObservableGauge<long> OutboxBacklog = Meter.CreateObservableGauge(
        "loyalty.outbox.backlog", () => Observe(b => b.OutboxMessages), "{message}", "Outbox messages not yet fanned out to webhook deliveries");

    public static readonly ObservableGauge<double> OutboxAge = Meter.CreateObservableGauge(
        "loyalty.outbox.age", () => Observe(b => b.OutboxAgeSeconds), "s", "Age of the oldest outbox message not yet fanned out");

    public static readonly ObservableGauge<long> WebhookBacklog = Meter.CreateObservableGauge(
        "loyalty.webhook.backlog", () => Observe(b => b.WebhookDeliveries), "{delivery}", "Webhook deliveries waiting (pending, failed and retrying, or in flight)");

    public static readonly ObservableGauge<double> WebhookAge = Meter.CreateObservableGauge(
        "loyalty.webhook.age", () => Observe(b => b.WebhookAgeSeconds), "s", "Age of the oldest webhook delivery still waiting");

    /// <summary>Whether anyone collects the backlog gauges (the dispatcher measures only then).</summary>
    public static bool BacklogObserved => OutboxBacklog.Enabled || WebhookBacklog.Enabled;

    public static void ReportBacklog(Backlog backlog) => Volatile.Write(ref _backlog, backlog);

    private static IEnumerable<Measurement<T>> Observe<T>(Func<Backlog, T> value)
        where T : struct =>
        Volatile.Read(ref _backlog) is { } backlog ? [new Measurement<T>(value(backlog))] : [];

    /// <summary>The bounded set of <c>outcome</c> tag values of <see cref="WebhookDeliveries"/>.</summary>
    public static class WebhookOutcomes
    {
        public const string Succeeded = "succeeded";
        public const string HttpError = "http_error";
        public const string Timeout = "timeout";
        public const string ConnectionRefused = "connection_refused";
        public const string Dns = "dns";
        public const string Tls = "tls";
        public const string AddressRefused = "address_refused";
        public const string Other = "other";
    }
}

/// <summary>One measurement of the outbox and webhook backlog (ages in seconds, 0 when nothing waits).</summary>
public sealed record Backlog(long OutboxMessages, double OutboxAgeSeconds, long WebhookDeliveries, double WebhookAgeSeconds);
