using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Transfers;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;
using TransferStatus = Loyalty.Domain.Financial.Transfers.TransferStatus;

namespace Loyalty.Application.Features.Financial.Transfers;

/// <summary>What the transfer use cases share: look-ups, the monthly total, the response.</summary>
public static class Transfers
{
    public static TransferResponse Outgoing(PointsTransfer t, Member to, DateTimeOffset now) =>
        new(t.Id, TransferSide.Outgoing, to.DisplayName, to.MemberNumber, t.Points, t.Message, WireValue.Of<Contracts.Member.TransferStatus>(t.EffectiveStatus(now)), t.CreatedAt, t.ExpiresAt, t.CompletedAt);

    public static TransferResponse Incoming(PointsTransfer t, Member from, DateTimeOffset now) =>
        new(t.Id, TransferSide.Incoming, from.DisplayName, null, t.Points, t.Message, WireValue.Of<Contracts.Member.TransferStatus>(t.EffectiveStatus(now)), t.CreatedAt, t.ExpiresAt, t.CompletedAt);

    /// <summary>The sender's own transfer; anyone else's (the recipient's included) is not found.</summary>
    public static async Task<PointsTransfer> FindOwnAsync(ILoyaltyDbContext db, Guid senderId, Guid transferId, bool tracked, CancellationToken cancellationToken)
    {
        var transfers = tracked ? db.PointsTransfers : db.PointsTransfers.AsNoTracking();
        return await transfers.SingleOrDefaultAsync(t => t.Id == transferId && t.FromMemberId == senderId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.TransferNotFound, "You have no transfer with this id.");
    }

    /// <summary>Points the member has sent in completed transfers in the calendar month (UTC) of <paramref name="now"/>.</summary>
    public static async Task<long> SentThisMonthAsync(ILoyaltyDbContext db, Guid senderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = PointsTransfer.MonthStart(now);
        var end = start.AddMonths(1);
        return await db.PointsTransfers
            .Where(t => t.FromMemberId == senderId && t.Status == TransferStatus.Completed && t.CompletedAt >= start && t.CompletedAt < end)
            .SumAsync(t => t.Points, cancellationToken);
    }

    /// <summary>The recipient must be an active member; said in the sender's terms, not as if the sender were suspended.</summary>
    public static void EnsureCanReceive(MemberStatus status)
    {
        if (status != MemberStatus.Active)
        {
            throw new DomainException(ErrorCodes.RecipientNotActive, "The member you are sending points to cannot receive them (membership suspended or closed).");
        }
    }

    public static DomainException InsufficientPoints(long points) => new(ErrorCodes.InsufficientPoints, $"You do not have {points} points available.");
}
