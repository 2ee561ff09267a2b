using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Client;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Client.Tests;

/// <summary>One in-memory API on SQLite for every client test; tests isolate by creating their own partner and members.</summary>
public sealed class ClientFixture : IAsyncLifetime
{
    private LoyaltyApiFactory? _factory;

    public LoyaltyApiFactory Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri BaseAddress => Factory.Server.BaseAddress;

    public async Task InitializeAsync()
    {
        _factory = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        _ = _factory.Server; // start now: migrations and seeding run once, before any test
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public IPartnerApi PartnerApi(string apiKey) =>
        LoyaltyClientFactory.CreatePartnerApi(Factory.Server.CreateHandler(), BaseAddress, apiKey);

    public IMemberApi MemberApi(string subject) =>
        LoyaltyClientFactory.CreateMemberApi(Factory.Server.CreateHandler(), BaseAddress, _ => ValueTask.FromResult(TestTokens.Member(subject)));
}

[CollectionDefinition(Name)]
public sealed class ClientCollection : ICollectionFixture<ClientFixture>
{
    public const string Name = "client";
}
