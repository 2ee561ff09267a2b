using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

// Deliberately bad code for RuleSelfTests: each type breaks one layer rule, so the rules can be seen to fail.
namespace Loyalty.Architecture.Tests.Samples.LeakyDomain
{
    /// <summary>A "domain" type that reaches into EF Core.</summary>
    public sealed class OrderWithDbContext
    {
        public DbContext? Context { get; init; }
    }

    /// <summary>A "domain" type that knows the Application layer.</summary>
    public sealed class OrderWithApplication
    {
        public ILoyaltyDbContext? Db { get; init; }
    }

    /// <summary>A "domain" type that uses Mediator.</summary>
    public sealed class OrderWithMediator
    {
        public Mediator.Unit Nothing { get; init; }
    }
}

namespace Loyalty.Architecture.Tests.Samples.CleanDomain
{
    /// <summary>A domain type that depends on the base library only.</summary>
    public sealed class Order
    {
        public Guid Id { get; init; }
        public IReadOnlyList<string> Lines { get; init; } = [];
    }
}
