using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReferralStatus = Loyalty.Domain.Social.Referrals.ReferralStatus;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>The member's referral page. Members enrolled before referrals existed get their code on first visit.</summary>
public sealed record GetMyReferralsQuery(string Subject, int? Limit, string? Cursor) : IQuery<MyReferralsResponse>;

public sealed class GetMyReferralsHandler(ILoyaltyDbContext db, ReferralProgrammeCache programmes, ISender sender, TimeProvider clock)
    : IQueryHandler<GetMyReferralsQuery, MyReferralsResponse>
{
    public async ValueTask<MyReferralsResponse> Handle(GetMyReferralsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.DecodeTime(query.Cursor);
        var me = await db.Members.AsNoTracking()
            .Where(m => m.ExternalId == query.Subject)
            .Select(m => new { m.Id, Code = db.MemberReferralCodes.Where(c => c.MemberId == m.Id).Select(c => c.Code).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.NotEnrolled();
        var code = me.Code is null ? await IssueAsync(me.Id, cancellationToken) : ReferralCode.FromStored(me.Code);

        var now = clock.GetUtcNow();
        var programme = await programmes.GetAsync(db, cancellationToken);
        var (thisMonth, thisYear) = await ReferralCaps.CountAsync(db, me.Id, now, cancellationToken);
        var (remainingMonth, remainingYear) = programme.Remaining(thisMonth, thisYear);
        var earned = await db.Referrals.Where(r => r.ReferrerId == me.Id).SumAsync(r => r.ReferrerPoints, cancellationToken);

        var referrals = from r in db.Referrals.AsNoTracking()
                        join m in db.Members.AsNoTracking() on r.RefereeId equals m.Id
                        where r.ReferrerId == me.Id
                        select new { r.Id, r.Status, r.Reason, r.CreatedAt, r.DecidedAt, r.ReferrerPoints, m.FirstName, m.LastName };
        if (after is { } cursor)
        {
            referrals = referrals.Where(r => r.CreatedAt < cursor.At || (r.CreatedAt == cursor.At && r.Id.CompareTo(cursor.Id) < 0));
        }

        var rows = await referrals.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(r =>
        {
            var expired = r.Status == ReferralStatus.Pending && now > programme.WindowEnds(r.CreatedAt);
            return new
            {
                r.Id,
                r.CreatedAt,
                Item = new MyReferralItem(
                    r.LastName.Length == 0 ? r.FirstName : $"{r.FirstName} {r.LastName[0]}.",
                    expired ? Contracts.Common.ReferralStatus.Rejected : WireValue.Of<Contracts.Common.ReferralStatus>(r.Status),
                    expired ? ReferralReasons.WindowExpired : r.Reason,
                    r.CreatedAt,
                    r.DecidedAt,
                    r.Status == ReferralStatus.Pending && !expired ? programme.WindowEnds(r.CreatedAt) : null,
                    r.ReferrerPoints),
            };
        }).ToList();
        var page = Paging.ToPage(items, limit, r => Paging.TimeKey(r.CreatedAt, r.Id));

        return new MyReferralsResponse(
            code.Value,
            code.Formatted,
            $"Join me in the club with my code {code.Formatted} and we both get points after your first purchase.",
            new ReferralTermsResponse(programme.Enabled, programme.ReferrerPoints, programme.RefereePoints, programme.MinimumPurchaseAmount, programme.Currency, programme.WindowDays),
            remainingMonth,
            remainingYear,
            earned,
            new Page<MyReferralItem>([.. page.Items.Select(i => i.Item)], page.NextCursor));
    }

    private async Task<ReferralCode> IssueAsync(Guid memberId, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.Send(new IssueReferralCodeCommand(memberId), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent first visit issued the code first (the key is the member): use theirs.
            db.ChangeTracker.Clear();
            var code = await db.MemberReferralCodes.AsNoTracking().Where(c => c.MemberId == memberId).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken);
            return code is null ? throw new InvalidOperationException("Could not issue a referral code.") : ReferralCode.FromStored(code);
        }
    }
}

public sealed class GetMyReferralsValidator : AbstractValidator<GetMyReferralsQuery>
{
    public GetMyReferralsValidator() => RuleFor(q => q.Cursor).MaximumLength(200);
}
