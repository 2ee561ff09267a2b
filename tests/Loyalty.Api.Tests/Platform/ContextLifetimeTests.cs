using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// Regression: a pooled DbContext resolved through both of its registrations (the class and ILoyaltyDbContext)
/// was disposed twice by its request scope, went back to the pool twice, and was handed to two requests at once
/// (ObjectDisposedException under load). One scope's context must never be shared by two later scopes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ContextLifetimeTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_context_still_disposing_in_one_scope_is_never_taken_from_another_scope()
    {
        var services = fixture.For(DatabaseProvider.Sqlite).Services;
        var first = services.CreateAsyncScope();
        var context = first.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        Assert.Same(context, first.ServiceProvider.GetRequiredService<ILoyaltyDbContext>());

        // The interleaving seen under load: the scope's first Dispose of the context has run, another request
        // rents a context, then the scope disposes its second registration of the same instance.
        await context.DisposeAsync();
        await using var second = services.CreateAsyncScope();
        var other = second.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        await first.DisposeAsync();

        Assert.True(await other.Tiers.AnyAsync()); // the other request's context is still its own, and alive
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Hundreds_of_parallel_reads_all_succeed(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var subject = "reader-" + Unique.Id();
        using var client = api.CreateClient().WithBearer(TestTokens.Member(subject));
        using var enrol = await client.PostAsync("/api/v1/me", new SelfEnrolRequest("Re", "Ader", subject + "@example.com", null, null), idempotencyKey: null);
        await enrol.EnsureStatusAsync(HttpStatusCode.Created);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await client.GetAsync("/api/v1/me/points");
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
