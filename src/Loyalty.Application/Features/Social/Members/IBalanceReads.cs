namespace Loyalty.Application.Features.Social.Members;

/// <summary>A member's balance as the app shows it, read in provider SQL (Infrastructure) in one round trip.</summary>
public interface IBalanceReads
{
    /// <summary>The balance of the member signed in as <paramref name="subject"/>; null when no member has that subject.</summary>
    Task<BalanceRead?> ForSubjectAsync(string subject, CancellationToken cancellationToken);
}

/// <summary>
/// A points account, with the first instant at which spendable points expire (null when none do) and all the points
/// that expire on that UTC day.
/// </summary>
public sealed record BalanceRead(long Available, long Pending, long Held, long LifetimeEarned, DateTimeOffset? FirstExpiry, long FirstExpiryDayPoints);
