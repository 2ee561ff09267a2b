using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Domain.Customised.Offers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>
/// The personal offers a member was part of, for the data export: which group they were in (a control-group member
/// learns here that they were held out), activation and uses. An assignment holds no personal data of its own (ids,
/// dates, counts) and is what the offer's report counts, so erasure keeps it.
/// </summary>
public sealed class OfferDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "offers";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var rows = await (from a in db.OfferAssignments.AsNoTracking()
                          join o in db.PersonalOffers.AsNoTracking() on a.OfferId equals o.Id
                          where a.MemberId == memberId
                          orderby a.AssignedAt, o.Id
                          select new { a, o.Name, o.StartsAt, o.EndsAt }).ToListAsync(cancellationToken);
        return rows.Select(x => new
        {
            offerId = x.a.OfferId,
            name = x.Name,
            startsAt = x.StartsAt,
            endsAt = x.EndsAt,
            group = x.a.Group == OfferGroup.Treatment ? "treatment" : "control",
            assignedAt = x.a.AssignedAt,
            activatedAt = x.a.ActivatedAt,
            uses = x.a.Uses,
            lastUsedAt = x.a.LastUsedAt,
        }).ToList();
    }

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
