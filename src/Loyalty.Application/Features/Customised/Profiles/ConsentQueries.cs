using Loyalty.Application.Abstractions;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// Who may be used for what, as composable queries of member ids (segment export, offers, notifications). Only active
/// members count: a closed, suspended, merged or erased member is never contacted or profiled, whatever they once agreed.
/// No consent row means not granted.
/// </summary>
public static class ConsentQueries
{
    /// <summary>Active members who granted <paramref name="purpose"/> on <paramref name="channel"/>.</summary>
    public static IQueryable<Guid> MembersWithConsent(this ILoyaltyDbContext db, ConsentPurpose purpose, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ConsentRules.EnsureValidPair(purpose, channel);
        return from c in db.MemberConsents
               where c.Purpose == purpose && c.Channel == channel && c.Granted
               join m in db.Members on c.MemberId equals m.Id
               where m.Status == MemberStatus.Active
               select c.MemberId;
    }

    /// <summary>
    /// Active members who may receive marketing on <paramref name="channel"/>; with no channel, on at least one of
    /// e-mail, push or SMS (each id once).
    /// </summary>
    public static IQueryable<Guid> MembersWithMarketingConsent(this ILoyaltyDbContext db, ContactChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (channel is { } one)
        {
            return db.MembersWithConsent(ConsentPurpose.Marketing, one);
        }

        return db.Members.Where(m => m.Status == MemberStatus.Active
                && db.MemberConsents.Any(c => c.MemberId == m.Id && c.Purpose == ConsentPurpose.Marketing && c.Granted))
            .Select(m => m.Id);
    }

    /// <summary>Active members whose purchases and profile may be analysed (segments on behaviour, recommendations).</summary>
    public static IQueryable<Guid> MembersWithProfilingConsent(this ILoyaltyDbContext db) =>
        db.MembersWithConsent(ConsentPurpose.Profiling, ContactChannel.None);

    /// <summary>Active members with marketing consent on <paramref name="channel"/> and profiling consent: personalised marketing.</summary>
    public static IQueryable<Guid> MembersForPersonalisedMarketing(this ILoyaltyDbContext db, ContactChannel channel)
    {
        var profiling = db.MembersWithProfilingConsent();
        return db.MembersWithMarketingConsent(channel).Where(id => profiling.Contains(id));
    }
}
