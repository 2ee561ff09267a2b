using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.ClubEvents;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Turns a request into domain terms, checking that the tiers, the partner and its store exist.</summary>
internal static class ClubEventTermsReader
{
    public static async Task<(ClubEventTerms Terms, IReadOnlyList<Guid> Tiers)> ReadAsync(ILoyaltyDbContext db, ClubEventRequest r, CancellationToken cancellationToken)
    {
        var tiers = await KnownTiersAsync(db, r.EligibleTierIds ?? [], cancellationToken);
        if (r.PartnerId is { } partnerId && !await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            throw new DomainException(ErrorCodes.UnknownPartner, "No partner has this id.");
        }

        if (r.StoreId is { } storeId && !await db.Stores.AnyAsync(s => s.Id == storeId && s.PartnerId == r.PartnerId, cancellationToken))
        {
            throw new DomainException(ErrorCodes.UnknownStore, "The hosting partner has no store with this id.");
        }

        var terms = new ClubEventTerms(
            r.Title, r.Description ?? "", r.StartsAt, r.EndsAt, r.VenueName, r.VenueAddress, r.OnlineUrl, r.PartnerId, r.StoreId, r.Capacity, r.PointsForAttending,
            r.RegistrationOpensAt, r.RegistrationClosesAt, r.CancellationClosesAt);
        return (terms, tiers);
    }

    private static async Task<IReadOnlyList<Guid>> KnownTiersAsync(ILoyaltyDbContext db, IReadOnlyList<Guid> tierIds, CancellationToken cancellationToken)
    {
        if (tierIds.Count == 0)
        {
            return [];
        }

        var wanted = tierIds.Distinct().ToList();
        var known = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null && wanted.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        var unknown = wanted.Except(known).ToList();
        return unknown.Count == 0 ? wanted : throw new DomainException(ErrorCodes.UnknownTier, $"No tier has the id {string.Join(", ", unknown)}.");
    }
}
