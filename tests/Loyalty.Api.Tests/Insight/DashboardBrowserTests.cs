using System.Net;
using System.Text.Json;
using Loyalty.Api.StaffDashboard;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace Loyalty.Api.Tests.Insight;

/// <summary>
/// Runs only where a Chromium is installed (Debian's <c>chromium</c>; .ci/run installs it), or at <c>LOYALTY_CHROMIUM</c>.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (DashboardBrowser.ChromiumPath is null)
        {
            Skip = "No Chromium: install Debian's chromium package (apt-get install chromium) or set LOYALTY_CHROMIUM to its path.";
        }
    }
}

/// <summary>
/// The API on a real Kestrel port (a database of its own, with the demo seed a fresh <c>dotnet run</c> gets) and one
/// headless Chromium, driven over the DevTools protocol by PuppeteerSharp.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    public static string? ChromiumPath { get; } = new[] { Environment.GetEnvironmentVariable("LOYALTY_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
        .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private LoyaltyApiFactory? _api;
    private IBrowser? _browser;

    public LoyaltyApiFactory Api => _api ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        if (ChromiumPath is null)
        {
            return; // every test here is skipped
        }

        _api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        _api.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _api.StartServer();
        BaseAddress = new Uri(_api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI has no user namespace sandbox; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--lang=en-GB"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser.Dispose();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}

/// <summary>The staff dashboard in a real browser: it signs in, every chart draws data in each series, and a member token is refused in words.</summary>
public sealed class DashboardBrowserTests(DashboardBrowser fixture) : IClassFixture<DashboardBrowser>
{
    private static readonly string[] Charts = ["chart-value", "chart-classes", "chart-transitions", "chart-churn", "chart-trend", "chart-queue"];

    [ChromiumFact]
    public async Task An_administrator_sees_every_chart_drawn_from_the_demo_data_with_no_console_error()
    {
        var (page, console) = await OpenAsync();
        await SignInAsync(page, TestTokens.Admin("dashboard-admin@test"));
        Assert.Equal("ready", await StateAsync(page));

        var charts = await page.EvaluateFunctionAsync<JsonElement>(
            """
            () => [...document.querySelectorAll('canvas')].map(c => {
              const chart = Chart.getChart(c);
              const numbers = (d) => d.data.filter(v => typeof v === 'number');
              const values = chart ? chart.data.datasets.flatMap(numbers) : [];
              const emptySeries = chart ? chart.data.datasets.filter(d => numbers(d).length === 0).map(d => d.label) : [];
              return { id: c.id, drawn: !!chart, points: values.length, nonZero: values.some(v => v !== 0), emptySeries, height: c.height };
            })
            """);
        var byId = charts.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(Charts.Order(), byId.Keys.Order());
        foreach (var id in Charts)
        {
            var chart = byId[id];
            Assert.True(chart.GetProperty("drawn").GetBoolean(), $"{id}: no chart instance");
            Assert.True(chart.GetProperty("points").GetInt32() >= 1 && chart.GetProperty("nonZero").GetBoolean(), $"{id}: no data point ({chart})");
            Assert.True(chart.GetProperty("emptySeries").GetArrayLength() == 0, $"{id}: a series without data ({chart})"); // e.g. the trend's NPS line
            Assert.True(chart.GetProperty("height").GetInt32() > 0, $"{id}: not laid out");
        }

        // Every panel has its table of the same figures; the demo's drifting Carl is on the at-risk list, ben's case in the queue.
        var panels = await page.EvaluateFunctionAsync<JsonElement>(
            "() => [...document.querySelectorAll('[data-panel]')].map(p => ({ name: p.dataset.panel, state: p.dataset.state, rows: p.querySelectorAll('tbody tr').length, text: p.textContent }))");
        foreach (var panel in panels.EnumerateArray())
        {
            Assert.Equal("ready", panel.GetProperty("state").GetString());
            Assert.True(panel.GetProperty("rows").GetInt32() >= 1, $"{panel.GetProperty("name")}: an empty table");
        }

        var text = panels.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("text").GetString()!);
        Assert.Contains("Carl", text["at-risk"], StringComparison.Ordinal);
        Assert.Contains("Points missing from my receipt", text["queue"], StringComparison.Ordinal);
        Assert.Empty(console);

        if (Environment.GetEnvironmentVariable("LOYALTY_DASHBOARD_SCREENSHOT") is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        }

        // Signed in for the tab: a reload draws again without asking; signing out forgets the token.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.state === 'ready'");
        await page.ClickAsync("#sign-out");
        Assert.Equal("signed-out", await StateAsync(page));
        Assert.Null(await page.EvaluateExpressionAsync<string?>("sessionStorage.getItem('loyalty.dashboard.token')"));
        Assert.Empty(console);
    }

    [ChromiumFact]
    public async Task A_member_token_or_a_forged_one_gets_the_not_authorised_state_not_a_broken_page()
    {
        var (page, console) = await OpenAsync();
        Assert.Equal("signed-out", await StateAsync(page));
        Assert.True(await page.EvaluateExpressionAsync<bool>("!document.getElementById('sign-in').hidden"));

        await SignInAsync(page, TestTokens.Member("dashboard-member"));
        Assert.Equal("unauthorised", await StateAsync(page));
        Assert.Contains("no staff role", await page.EvaluateExpressionAsync<string>("document.getElementById('not-authorised').textContent"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('figures').hidden && [...document.querySelectorAll('canvas')].every(c => !Chart.getChart(c))"));

        await page.ClickAsync("#sign-out");
        await SignInAsync(page, "not.a.token");
        Assert.Equal("unauthorised", await StateAsync(page));
        Assert.Contains("not accepted", await page.EvaluateExpressionAsync<string>("document.getElementById('not-authorised').textContent"), StringComparison.Ordinal);

        // The browser reports each refused call (401/403) as a failed resource; nothing else may go wrong.
        Assert.All(console, line => Assert.Matches("^Failed to load resource: the server responded with a status of 40[13]", line));
    }

    [ChromiumFact]
    public async Task An_account_manager_sees_their_at_risk_list_and_case_queue_and_is_told_which_figures_are_for_administrators()
    {
        var (page, _) = await OpenAsync();
        await SignInAsync(page, TestTokens.Create(DemoProgrammeSeeder.DemoManagerSubject, "account-manager"));
        Assert.Equal("ready", await StateAsync(page));
        var states = await page.EvaluateFunctionAsync<JsonElement>("() => Object.fromEntries([...document.querySelectorAll('[data-panel]')].map(p => [p.dataset.panel, p.dataset.state]))");
        Assert.Equal("ready", states.GetProperty("at-risk").GetString());
        Assert.Equal("ready", states.GetProperty("queue").GetString());
        Assert.Equal("forbidden", states.GetProperty("value").GetString());
        Assert.Contains("administrators only", await page.EvaluateExpressionAsync<string>("document.querySelector('[data-panel=value]').textContent"), StringComparison.Ordinal);
        Assert.Contains("Carl", await page.EvaluateExpressionAsync<string>("document.querySelector('[data-panel=at-risk]').textContent"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task The_page_is_served_anonymously_with_a_strict_content_security_policy_and_chart_js_from_the_api_itself()
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var page = await client.GetAsync(new Uri(DashboardSetup.Path + "/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(DashboardSetup.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", DashboardSetup.ContentSecurityPolicy, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script
        Assert.DoesNotContain("://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // nothing from another origin

        using var library = await client.GetAsync(new Uri(DashboardSetup.Path + "/lib/chart.umd.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        using var licence = await client.GetAsync(new Uri(DashboardSetup.Path + "/lib/chart.js.LICENSE.md", UriKind.Relative));
        Assert.Contains("MIT", await licence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(IPage Page, List<string> Console)> OpenAsync()
    {
        var page = await fixture.Browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                lock (console)
                {
                    console.Add(e.Message.Text);
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (console)
            {
                console.Add("page error: " + e.Message);
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.GoToAsync(new Uri(fixture.BaseAddress, DashboardSetup.Path).ToString(), WaitUntilNavigation.Load);
        return (page, console);
    }

    private static async Task SignInAsync(IPage page, string token)
    {
        await page.EvaluateFunctionAsync("t => { document.getElementById('token').value = t; }", token); // typing a JWT key by key is slow
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => ['ready', 'unauthorised'].includes(document.body.dataset.state)", new WaitForFunctionOptions { Timeout = 30_000 });
    }

    private static Task<string> StateAsync(IPage page) => page.EvaluateExpressionAsync<string>("document.body.dataset.state");
}
