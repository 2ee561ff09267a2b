using System.Collections.Concurrent;
using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Behaviours;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// Work the hot paths must not repeat or pull in (issue 15): the caller's credentials are authenticated once per
/// request, not again by the route's policy; a query never gets the unit of work's behaviour (nor the commit journal it
/// resolves); authorisation holds no database context of its own. Every authenticate call of the request is counted
/// through a wrapper around ASP.NET Core's authentication service.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestWorkTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _authenticated = new();
    private LoyaltyApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite))
        {
            TestServices = services =>
            {
                services.AddScoped<AuthenticationService>();
                services.AddScoped<IAuthenticationService>(sp => new CountingAuthentication(sp.GetRequiredService<AuthenticationService>(), _authenticated));
            },
        };
        _ = _api.Server;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_member_read_and_a_partner_call_authenticate_their_credentials_once()
    {
        var s = await Scenario.StartAsync(_api);
        var member = await s.EnrolAsync();
        var subject = "once-" + Unique.Id();
        using var app = s.MemberClient(subject);
        await app.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Once", "Only", subject + "@example.com", null, null));

        _authenticated.Clear();
        await app.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal(new[] { JwtBearerDefaults.AuthenticationScheme }, _authenticated.Where(scheme => scheme != AuthSetup.CallerScheme).ToArray());

        _authenticated.Clear();
        await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{member.MemberNumber}");
        Assert.Equal(new[] { ApiKeyAuthenticationHandler.SchemeName }, _authenticated.Where(scheme => scheme != AuthSetup.CallerScheme).ToArray());
    }

    [Fact]
    public async Task A_query_gets_no_unit_of_work_and_a_transactional_command_keeps_it()
    {
        await using var scope = _api.Services.CreateAsyncScope(); // the commit journal disposes asynchronously
        var query = scope.ServiceProvider.GetServices<IPipelineBehavior<GetMyBalanceQuery, PointsBalanceResponse>>().Select(b => b.GetType()).ToList();
        var command = scope.ServiceProvider.GetServices<IPipelineBehavior<RecordPurchaseCommand, PurchaseResponse>>().Select(b => b.GetType()).ToList();

        Assert.DoesNotContain(query, t => t.GetGenericTypeDefinition() == typeof(UnitOfWorkBehaviour<,>)); // a query cannot even close it: the constraint
        Assert.Contains(typeof(ValidationBehaviour<GetMyBalanceQuery, PointsBalanceResponse>), query);
        Assert.Equal(typeof(UnitOfWorkBehaviour<RecordPurchaseCommand, PurchaseResponse>), command[^1]); // innermost: the transaction wraps only the handler
    }

    [Fact]
    public void The_portfolio_handler_is_shared_and_takes_no_context_of_its_own()
    {
        using var scope = _api.Services.CreateScope();
        var handlers = scope.ServiceProvider.GetServices<IAuthorizationHandler>().ToList();
        Assert.Contains(handlers, h => h is PortfolioAuthorizationHandler);
        using var other = _api.Services.CreateScope();
        Assert.Same(handlers.OfType<PortfolioAuthorizationHandler>().Single(), other.ServiceProvider.GetServices<IAuthorizationHandler>().OfType<PortfolioAuthorizationHandler>().Single()); // one for the process: it takes a context per check
    }

    private sealed class CountingAuthentication(IAuthenticationService inner, ConcurrentQueue<string> calls) : IAuthenticationService
    {
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
        {
            calls.Enqueue(scheme ?? "(default)");
            return inner.AuthenticateAsync(context, scheme);
        }

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ChallengeAsync(context, scheme, properties);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ForbidAsync(context, scheme, properties);

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => inner.SignInAsync(context, scheme, principal, properties);

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.SignOutAsync(context, scheme, properties);
    }
}
