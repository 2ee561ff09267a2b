using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;
using Wire = Loyalty.Contracts.Common;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Reads a member's profile, consents and history into the shapes the member and staff see.</summary>
public static class ProfileViews
{
    public static async Task<MyProfileResponse> ReadAsync(ILoyaltyDbContext db, Guid memberId, string memberNumber, bool staff, CancellationToken cancellationToken)
    {
        var interests = await (from i in db.MemberInterests.AsNoTracking()
                               where i.MemberId == memberId
                               join t in db.InterestTopics.AsNoTracking() on i.TopicId equals t.Id
                               orderby t.Code
                               select new InterestTopicSummary(t.Id, t.Code, t.Name)).ToListAsync(cancellationToken);
        var profile = await db.MemberProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        HouseholdSummary? household = null;
        if (profile?.HouseholdId is { } householdId)
        {
            var head = await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => h.HeadMemberId).SingleAsync(cancellationToken);
            var count = await db.MemberProfiles.CountAsync(p => p.HouseholdId == householdId, cancellationToken);
            household = new HouseholdSummary(householdId, head == memberId, count);
        }

        var attributes = await (from v in db.MemberAttributeValues.AsNoTracking()
                                where v.MemberId == memberId
                                join d in db.ProfileAttributeDefinitions.AsNoTracking() on v.DefinitionId equals d.Id
                                where staff || d.MemberEditable
                                orderby d.Code
                                select new { d.Code, d.Name, d.Type, v.Value }).ToListAsync(cancellationToken);
        return new MyProfileResponse(
            memberNumber,
            interests,
            DetailsOf(profile),
            household,
            attributes.Select(a => new ProfileAttributeEntry(a.Code, a.Name, WireValue.Of<Wire.AttributeType>(a.Type), a.Value)).ToList(),
            await ConsentsAsync(db, memberId, cancellationToken));
    }

    public static ProfileDetails DetailsOf(MemberProfile? p) =>
        new(
            p?.PreferredStoreId,
            p?.PreferredChannel is { } channel ? WireValue.Of<Wire.ContactChannel>(channel) : null,
            p?.Language,
            p?.IncomeBand is { } band ? WireValue.Of<Wire.IncomeBand>(band) : null);

    /// <summary>Every consent pair, granted or not, in a fixed order.</summary>
    public static async Task<IReadOnlyList<ConsentState>> ConsentsAsync(ILoyaltyDbContext db, Guid memberId, CancellationToken cancellationToken)
    {
        var rows = await db.MemberConsents.AsNoTracking().Where(c => c.MemberId == memberId).ToListAsync(cancellationToken);
        return ConsentRules.All.Select(pair =>
        {
            var row = rows.SingleOrDefault(r => r.Purpose == pair.Purpose && r.Channel == pair.Channel);
            return new ConsentState(
                WireValue.Of<Wire.ConsentPurpose>(pair.Purpose),
                WireValue.Of<Wire.ContactChannel>(pair.Channel),
                row?.Granted ?? false,
                row?.ChangedAt,
                row is null ? null : WireValue.Of<Wire.ConsentSource>(row.Source));
        }).ToList();
    }

    /// <summary>The member's consent changes, newest first, a page at a time; the actor only for staff.</summary>
    public static async Task<Wire.Page<ConsentHistoryEntry>> HistoryAsync(ILoyaltyDbContext db, Guid memberId, bool staff, int? requestedLimit, string? cursor, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(requestedLimit);
        var before = Paging.DecodeLong(cursor);
        var changes = db.ConsentChanges.AsNoTracking().Where(c => c.MemberId == memberId);
        if (before is not null)
        {
            changes = changes.Where(c => c.Id < before);
        }

        var rows = await changes.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(c => new ConsentHistoryEntry(
            c.Id,
            WireValue.Of<Wire.ConsentPurpose>(c.Purpose),
            WireValue.Of<Wire.ContactChannel>(c.Channel),
            c.Granted,
            c.ChangedAt,
            WireValue.Of<Wire.ConsentSource>(c.Source),
            staff ? c.Actor : null)).ToList();
        return Paging.ToPage(items, limit, e => e.Id);
    }

    public static async Task<AdminMemberProfileResponse> ReadForStaffAsync(ILoyaltyDbContext db, Guid memberId, string memberNumber, CancellationToken cancellationToken)
    {
        var p = await ReadAsync(db, memberId, memberNumber, staff: true, cancellationToken);
        var partnerAttributes = await (from a in db.PartnerMemberAttributes.AsNoTracking()
                                       where a.MemberId == memberId
                                       join partner in db.Partners.AsNoTracking() on a.PartnerId equals partner.Id
                                       orderby partner.Name, a.Key
                                       select new PartnerAttributeEntry(a.PartnerId, partner.Name, a.Key, a.Value, a.UpdatedAt)).ToListAsync(cancellationToken);
        return new AdminMemberProfileResponse(memberId, memberNumber, p.Interests, p.Details, p.Household, p.Attributes, p.Consents, partnerAttributes);
    }
}
