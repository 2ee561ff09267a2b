using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// Credits the birthday and anniversary bonuses granted on the day (rules with grantOn day) to active members whose
/// birthday or membership anniversary is today (UTC) or was on one of the <see cref="CatchUpDays"/> days before, so
/// a day the job could not run is made up. Returns how many bonuses were credited.
/// </summary>
public sealed record GrantDayBonusesCommand(int CatchUpDays = 1) : ICommand<int>;

/// <summary>
/// One transaction per member and rule: lock the member's account (the row lock every balance change takes), then
/// look for this year's grant, so two runs at once serialise on the lock and the second finds the grant made; the
/// unique key on rule, member and year is the last word if anything slips past. The member's status is read under
/// the lock: a member suspended or closed meanwhile gets nothing.
/// </summary>
public sealed class GrantDayBonusesHandler(
    ILoyaltyDbContext db,
    EarningRulesCache cache,
    PointsLedger ledger,
    EventOutbox outbox,
    IWriteGate writeGate,
    TimeProvider clock) : ICommandHandler<GrantDayBonusesCommand, int>
{
    public async ValueTask<int> Handle(GrantDayBonusesCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(command.CatchUpDays);
        var rules = await cache.GetAsync(db, cancellationToken);
        if (rules.DayBonusRules.Count == 0)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var granted = 0;
        for (var back = command.CatchUpDays; back >= 0; back--)
        {
            var day = today.AddDays(-back);
            foreach (var trigger in new[] { BonusTrigger.BirthdayMonth, BonusTrigger.Anniversary })
            {
                // A rule created after the day does not pay it late.
                var due = rules.DayBonusRules.Where(r => r.Trigger == trigger && DateOnly.FromDateTime(r.CreatedAt.UtcDateTime) <= day).ToList();
                if (due.Count == 0)
                {
                    continue;
                }

                var celebrating = await CelebratingAsync(trigger, day, cancellationToken);
                foreach (var rule in due)
                {
                    // The job runs every few minutes: skip, without a transaction, who already has this year's bonus.
                    var done = await db.DayBonusGrants.AsNoTracking().Where(g => g.RuleId == rule.Id && g.Year == day.Year)
                        .Select(g => g.MemberId).ToListAsync(cancellationToken);
                    foreach (var memberId in celebrating.Except(done))
                    {
                        if (await GrantAsync(rules, rule, memberId, day, cancellationToken))
                        {
                            granted++;
                        }

                        db.ChangeTracker.Clear();
                    }
                }
            }
        }

        return granted;
    }

    /// <summary>Active members whose birthday or anniversary <paramref name="day"/> is (29 February on 28 February in other years).</summary>
    private async Task<List<Guid>> CelebratingAsync(BonusTrigger trigger, DateOnly day, CancellationToken cancellationToken)
    {
        var active = db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active);
        var ids = new List<Guid>();
        if (trigger == BonusTrigger.BirthdayMonth)
        {
            foreach (var (month, dayOfMonth) in BonusOccasions.OriginsCelebratedOn(day))
            {
                ids.AddRange(await active
                    .Where(m => m.BirthDate != null && m.BirthDate.Value.Month == month && m.BirthDate.Value.Day == dayOfMonth)
                    .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken));
            }

            return ids;
        }

        // Anniversaries: one range query per past year (enrolment instants are stored as UTC ticks, so ranges use the index).
        var first = await active.OrderBy(m => m.EnrolledAt).Select(m => (DateTimeOffset?)m.EnrolledAt).FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return ids;
        }

        var origins = BonusOccasions.OriginsCelebratedOn(day);
        for (var year = day.Year - 1; year >= first.Value.UtcDateTime.Year; year--)
        {
            foreach (var (month, dayOfMonth) in origins)
            {
                if (dayOfMonth > DateTime.DaysInMonth(year, month))
                {
                    continue; // 29 February in a year without one
                }

                var from = new DateTimeOffset(year, month, dayOfMonth, 0, 0, 0, TimeSpan.Zero);
                var until = from.AddDays(1);
                ids.AddRange(await active
                    .Where(m => m.EnrolledAt >= from && m.EnrolledAt < until)
                    .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken));
            }
        }

        return ids;
    }

    private async Task<bool> GrantAsync(EarningRuleSet rules, EarningRule rule, Guid memberId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
        await ledger.LockAccountAsync(memberId, cancellationToken);
        if (await db.DayBonusGrants.AnyAsync(g => g.RuleId == rule.Id && g.MemberId == memberId && g.Year == day.Year, cancellationToken))
        {
            return false; // granted by another run (or instance) already
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, cancellationToken);
        var now = clock.GetUtcNow();
        var facts = new EarningMember(member.TierId, "", 1m, member.BirthDate, member.EnrolledAt);
        var enrolment = new EarningOccasion(member.EnrolledAt, member.EnrolledAtPartnerId, member.EnrolledAtStoreId);
        if (member.Status != MemberStatus.Active
            || DateOnly.FromDateTime(member.EnrolledAt.UtcDateTime) > day
            || !EarningCalculator.DayBonusDue(rule, rules, facts, enrolment, day, now))
        {
            return false;
        }

        var bonus = EarningCalculator.DayBonus(rule, rules);
        var reason = rule.Trigger == BonusTrigger.Anniversary ? "anniversary" : "birthday";
        var description = (reason == "birthday" ? "Birthday bonus: " : "Anniversary bonus: ") + bonus.Lines[0].Description;
        var entry = LedgerEntry.Create(
            member.Id,
            LedgerEntryType.Bonus,
            bonus.TotalPoints,
            description.Length > 500 ? description[..500] : description,
            now,
            new LedgerReferences(ReferenceId: rule.Id));
        outbox.Add(
            new PointsEarnedV1(
                member.MemberNumber,
                reason == "birthday" ? PointsEarnedSource.Birthday : PointsEarnedSource.Anniversary,
                StoreId: null,
                bonus.TotalPoints,
                Pending: false,
                EarningEngine.ToResponse(bonus.Lines),
                now),
            member.Id,
            member.EnrolledAtPartnerId);
        await ledger.CreditAsync(entry, cancellationToken);
        db.EarnBreakdownLines.AddRange(EarnBreakdownLine.ForLedgerEntry(member.Id, entry.Id, now, bonus));
        db.DayBonusGrants.Add(DayBonusGrant.Create(rule, member.Id, day, entry.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
