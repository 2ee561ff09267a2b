using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary><see cref="IPriorityService"/> in one query: the member, their tier, and both flags.</summary>
public sealed class PriorityService(ILoyaltyDbContext db) : IPriorityService
{
    public async ValueTask<bool> IsPriorityAsync(Guid memberId, CancellationToken cancellationToken) =>
        await db.Members.AsNoTracking().AnyAsync(
            m => m.Id == memberId
                 && (db.PriorityServiceMembers.Any(p => p.MemberId == m.Id) || db.PriorityServiceTiers.Any(p => p.TierId == m.TierId)),
            cancellationToken);

    public async ValueTask<PriorityServiceResponse?> GetAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var member = await (from m in db.Members.AsNoTracking()
                            join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                            where m.Id == memberId
                            select new { m.TierId, t.SupportResponseHours }).SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        var flag = await db.PriorityServiceMembers.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        var tier = flag is null && await db.PriorityServiceTiers.AnyAsync(p => p.TierId == member.TierId, cancellationToken);
        var source = flag is not null ? PrioritySource.Member : tier ? PrioritySource.Tier : PrioritySource.None;
        return new PriorityServiceResponse(memberId, source != PrioritySource.None, source, member.SupportResponseHours, flag?.Reason, flag?.SetAt, flag?.SetBy);
    }
}

/// <summary>Domain enums to the wire (camelCase contract enums).</summary>
internal static class AccountManagerWire
{
    public static KeyAccountKind Kind(Domain.Customised.AccountManagers.KeyAccountKind kind) => WireValue.Of<KeyAccountKind>(kind);

    public static InteractionKind Kind(Domain.Customised.AccountManagers.InteractionKind kind) => WireValue.Of<InteractionKind>(kind);
}
