using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;
using Wire = Loyalty.Contracts.Common;

namespace Loyalty.Application.Features.Customised.Profiles;

internal static class ProfileAttributes
{
    public static async Task<ProfileAttributeDefinition> FindAsync(ILoyaltyDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.ProfileAttributeDefinitions.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.AttributeNotFound, "No profile attribute has this id.");

    public static ProfileAttributeResponse ToResponse(ProfileAttributeDefinition d) =>
        new(d.Id, d.Code, d.Name, WireValue.Of<Wire.AttributeType>(d.Type), d.ChoiceList, d.MemberEditable, d.Active, d.CreatedAt);
}
