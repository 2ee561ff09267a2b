namespace Loyalty.Application.Abstractions;

/// <summary>
/// The context heavy reads use: admin reports, the insight dashboards, settlement and segment exports. It reads from
/// the read replica (<c>ConnectionStrings:LoyaltyReadOnly</c>) when one is configured, otherwise from the primary
/// through a context of its own; either way it tracks nothing and refuses SaveChanges. A replica may lag the primary,
/// so whatever must see the caller's own write (the till, a member's own data, idempotent replays) and every cached
/// programme snapshot (policy, tier scheme, rules) reads through <see cref="ILoyaltyDbContext"/> instead.
/// </summary>
public interface IReportingDbContext : ILoyaltyDbContext;
