using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// Interests, preferences, household, attributes (the programme's and every partner's), consents and their history.
/// The export holds all of it, partners' attributes included: they are this member's data, whoever contributed them.
/// </summary>
public sealed class CustomerProfileDataSection(ILoyaltyDbContext db, TimeProvider clock) : IMemberDataSection
{
    public string Name => "customerProfile";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var profile = await db.MemberProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        var head = profile?.HouseholdId is { } householdId
            ? await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => (Guid?)h.HeadMemberId).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new
        {
            interests = await (from i in db.MemberInterests.AsNoTracking()
                               where i.MemberId == memberId
                               join t in db.InterestTopics.AsNoTracking() on i.TopicId equals t.Id
                               orderby t.Code
                               select new { t.Code, t.Name, i.AddedAt }).ToListAsync(cancellationToken),
            preferences = profile is null ? null : new
            {
                profile.PreferredStoreId,
                preferredChannel = profile.PreferredChannel?.ToString(),
                profile.Language,
                incomeBand = profile.IncomeBand?.ToString(),
                profile.UpdatedAt,
            },
            household = profile?.HouseholdId is null ? null : new { id = profile.HouseholdId, isHead = head == memberId },
            attributes = await (from v in db.MemberAttributeValues.AsNoTracking()
                                where v.MemberId == memberId
                                join d in db.ProfileAttributeDefinitions.AsNoTracking() on v.DefinitionId equals d.Id
                                orderby d.Code
                                select new { d.Code, d.Name, v.Value, v.UpdatedAt }).ToListAsync(cancellationToken),
            partnerAttributes = await (from a in db.PartnerMemberAttributes.AsNoTracking()
                                       where a.MemberId == memberId
                                       join p in db.Partners.AsNoTracking() on a.PartnerId equals p.Id
                                       orderby p.Name, a.Key
                                       select new { partner = p.Name, a.Key, a.Value, a.UpdatedAt }).ToListAsync(cancellationToken),
            consents = (await db.MemberConsents.AsNoTracking().Where(c => c.MemberId == memberId).ToListAsync(cancellationToken))
                .OrderBy(c => c.Purpose).ThenBy(c => c.Channel)
                .Select(c => new { purpose = c.Purpose.ToString(), channel = c.Channel.ToString(), c.Granted, c.ChangedAt, source = c.Source.ToString() }),
            consentHistory = (await db.ConsentChanges.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .Select(c => new { c.Id, purpose = c.Purpose.ToString(), channel = c.Channel.ToString(), c.Granted, c.ChangedAt, source = c.Source.ToString() }),
        };
    }

    /// <summary>
    /// Everything the member told or partners contributed goes; the household passes its head to another member (or
    /// ends when nobody is left). Granted consents are withdrawn and the withdrawals recorded; the consent history
    /// itself stays — it names no personal detail, only the member id of an anonymised row, purposes, times and
    /// sources — because the club must be able to show, even later, that it had consent whenever it used the data.
    /// Staff profile edits kept in the audit log lose their before/after snapshots (they held the profile).
    /// </summary>
    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.MemberInterests.Where(i => i.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.MemberAttributeValues.Where(v => v.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.PartnerMemberAttributes.Where(a => a.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);

        foreach (var consent in await db.MemberConsents.Where(c => c.MemberId == memberId).ToListAsync(cancellationToken))
        {
            if (consent.Change(false, ConsentSource.Staff, now))
            {
                db.ConsentChanges.Add(ConsentChange.Of(consent, "erasure"));
            }

            db.MemberConsents.Remove(consent);
        }

        var profile = await db.MemberProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        if (profile?.HouseholdId is { } householdId)
        {
            var household = await db.Households.SingleAsync(h => h.Id == householdId, cancellationToken);
            var next = await db.MemberProfiles.Where(p => p.HouseholdId == householdId && p.MemberId != memberId).OrderBy(p => p.MemberId).Select(p => (Guid?)p.MemberId).FirstOrDefaultAsync(cancellationToken);
            profile.LeaveHousehold(now);
            await db.SaveChangesAsync(cancellationToken);
            if (next is { } heir)
            {
                if (household.HeadMemberId == memberId)
                {
                    household.ChangeHead(heir);
                }
            }
            else
            {
                db.Households.Remove(household);
            }
        }

        if (profile is not null)
        {
            db.MemberProfiles.Remove(profile);
        }

        var id = memberId.ToString();
        await db.AuditLog.Where(a => a.EntityType == "member" && a.EntityId == id && a.Action == "member.profile_updated")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Before, (string?)null).SetProperty(a => a.After, (string?)null), cancellationToken);
    }
}
