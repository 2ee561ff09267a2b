using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Referrals;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>What the chunk path decided for a chunk: rows it earned (with points), rows for the one-by-one path, and the rest left for a later chunk.</summary>
public sealed record ImportBatchResult(IReadOnlyList<(ImportRow Row, long Points)> Earned, IReadOnlyList<ImportRow> OneByOne)
{
    public static ImportBatchResult AllOneByOne(IReadOnlyList<ImportRow> rows) => new([], rows);
}

/// <summary>
/// Earns the ordinary rows of an import chunk together, in the caller's transaction: what every row needs is read
/// with a few set queries (stores, members with tiers, receipts already recorded, tier activity), each row's points
/// come from the same <see cref="EarningEngine"/> and tier rules as a live purchase, and the purchases, breakdowns,
/// events, lots and ledger entries are written by one save (<see cref="PointsLedger.EarnManyAsync"/>).
/// </summary>
/// <remarks>
/// A member's rows go to the one-by-one path (<see cref="RecordPurchaseCommand"/>) when any of them needs more than
/// that: a rejection (invalid row, unknown or inactive member or store, a receipt recorded before or twice in the
/// chunk), a rule counting the member's history (caps, N-th visit, first purchase), a purchase that could decide the
/// member's pending referral, a member in tier grace, or a member with a personal offer the rows could use. A row that moves its member up a tier is earned here; the member's later rows
/// are left for the next chunk, so they earn at the new tier, in file order.
/// </remarks>
public sealed class ImportBatch(
    ILoyaltyDbContext db,
    EarningEngine engine,
    PointsLedger ledger,
    EventOutbox outbox,
    PointsPolicyCache policies,
    TierSchemeCache schemes,
    ITierActivity activities,
    ITierMoves moves,
    ReferralProgrammeCache referrals,
    IValidator<RecordPurchaseCommand> validator,
    IEnumerable<INotificationHandler<PurchaseRecorded>> purchaseHandlers,
    TimeProvider clock)
{
    /// <summary>The purchase reactions this class reproduces; a new one sends every row one by one until it is taught here.</summary>
    public static readonly IReadOnlySet<Type> KnownHandlers = new HashSet<Type> { typeof(QualifyOnPurchaseHandler), typeof(RewardReferralOnPurchase) };

    public async Task<ImportBatchResult> EarnAsync(Guid partnerId, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!purchaseHandlers.Select(h => h.GetType()).ToHashSet().SetEquals(KnownHandlers))
        {
            return ImportBatchResult.AllOneByOne(rows);
        }

        EarningRuleSet rules;
        try
        {
            rules = await engine.RulesForPurchaseAsync(cancellationToken);
        }
        catch (AppException)
        {
            return ImportBatchResult.AllOneByOne(rows); // not configured: every row gets the live path's rejection
        }

        var now = clock.GetUtcNow();
        var scheme = await schemes.GetAsync(db, cancellationToken);
        var referral = await referrals.GetAsync(db, cancellationToken);
        var policy = await policies.GetAsync(db, cancellationToken);

        var candidates = rows.Select(r => new Candidate(r, Request(r))).ToList();
        foreach (var c in candidates)
        {
            // Unsafe text (NUL, control characters) goes the live path too, which refuses it with its field named.
            var command = new RecordPurchaseCommand(partnerId, c.Request);
            c.Valid = validator.Validate(command).IsValid && !TextSafety.Problems(command).Any();
        }

        var valid = candidates.Where(c => c.Valid).ToList();
        var storeIds = valid.Select(c => c.Row.StoreId).Distinct().ToList();
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id) && s.PartnerId == partnerId && s.IsActive).ToDictionaryAsync(s => s.Id, cancellationToken);
        var numbers = valid.Select(c => c.Number).Distinct().ToList();
        var members = (await (from m in db.Members.AsNoTracking()
                              where numbers.Contains(m.MemberNumber)
                              join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                              select new { Member = m, Tier = t }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.Member.MemberNumber, x => (x.Member, x.Tier));
        var referred = new HashSet<Guid>();
        if (referral.Enabled)
        {
            var ids = members.Values.Select(m => m.Member.Id).ToList();
            referred = (await db.Referrals.Where(r => ids.Contains(r.RefereeId) && r.Status == ReferralStatus.Pending).Select(r => r.RefereeId).ToListAsync(cancellationToken)).ToHashSet();
        }

        var withOffers = await MembersWithOffersAsync(members.Values.Select(m => m.Member.Id).ToList(), valid, now, cancellationToken);
        var externalIds = valid.Select(c => c.ExternalId).Distinct().ToList();
        var recorded = (await db.Purchases.Where(p => p.PartnerId == partnerId && externalIds.Contains(p.ExternalId)).Select(p => p.ExternalId).ToListAsync(cancellationToken)).ToHashSet();
        var repeated = valid.GroupBy(c => c.ExternalId).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();

        var oneByOne = new List<ImportRow>();
        var groups = new List<Group>();
        foreach (var memberRows in candidates.GroupBy(c => c.Number))
        {
            var list = memberRows.ToList();
            var group = members.TryGetValue(memberRows.Key, out var found) && CanTransact(found.Member)
                ? new Group(found.Member, found.Tier, list, PurchaseQualification.Prepare(scheme, found.Member, now))
                : null;
            if (group is null || group.Tier.Check is { InGrace: true } || withOffers.Contains(group.Member.Id) || !list.All(c => Ordinary(c, group, partnerId, rules, stores, recorded, repeated, referred.Contains(group.Member.Id) ? referral : null, now)))
            {
                oneByOne.AddRange(list.Select(c => c.Row));
                continue;
            }

            groups.Add(group);
        }

        var activities = await ActivitiesAsync(groups, scheme, now, cancellationToken);
        var earned = new List<(ImportRow Row, long Points)>();
        var earns = new List<(LedgerEntry Entry, PendingTerms? Pending)>();
        foreach (var group in groups)
        {
            var (activity, retention) = activities.GetValueOrDefault(group.Member.Id);
            foreach (var c in group.Rows)
            {
                var store = stores[c.Row.StoreId];
                var purchasedAt = c.Request.PurchasedAt ?? now;
                var basket = EarningEngine.BasketOf(c.Request.Amount, c.Request.Currency, c.Request.Lines);
                var points = await engine.CalculateAsync(
                    rules, basket, EarningEngine.Facts(group.Member, group.Tier.Tier), group.Member.Id, new EarningOccasion(purchasedAt, partnerId, store.Id), forUpdate: true, cancellationToken);
                var purchase = PurchaseEarning.Record(db, group.Member.Id, partnerId, store.Id, c.ExternalId, basket, purchasedAt, now, points);
                var pending = PurchaseEarning.PendingTermsFor(policy, c.Request.AwaitConfirmation, now);
                if (points.TotalPoints > 0)
                {
                    earns.Add((PurchaseEarning.EarnEntry(outbox, group.Member, purchase, store, EarningEngine.ToResponse(points.Lines), pending, now), pending));
                }

                earned.Add((c.Row, points.TotalPoints));
                if (group.Tier.Check is { } check)
                {
                    (activity, retention) = check.Add(activity, retention, purchase, now);
                    if (TierQualification.Upgrade(scheme.Tiers, check.Current, activity) is { } higher)
                    {
                        await PurchaseQualification.MoveUpAsync(moves, scheme, group.Member, check.Current, higher, activity, now, cancellationToken);
                        break; // the member's later rows earn at the new tier, in the next chunk
                    }
                }
            }
        }

        await ledger.EarnManyAsync(earns, cancellationToken); // saves everything the chunk added
        return new ImportBatchResult(earned, oneByOne);
    }

    /// <summary>
    /// Members of the chunk with a personal offer its rows could use (treatment group, published, uses left, window
    /// not over before the earliest row): their rows go the live path, which applies and claims the offer.
    /// </summary>
    private async Task<HashSet<Guid>> MembersWithOffersAsync(List<Guid> memberIds, List<Candidate> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (memberIds.Count == 0)
        {
            return [];
        }

        var earliest = rows.Select(c => c.Request.PurchasedAt ?? now).DefaultIfEmpty(now).Min();
        return (await (from a in db.OfferAssignments
                       where memberIds.Contains(a.MemberId) && a.Group == OfferGroup.Treatment
                       join o in db.PersonalOffers on a.OfferId equals o.Id
                       where o.Status == OfferStatus.Published && o.EndsAt > earliest && a.Uses < o.PerMemberLimit
                       select a.MemberId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }

    private static bool CanTransact(Member member)
    {
        try
        {
            member.EnsureCanTransact();
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static RecordPurchaseRequest Request(ImportRow row) =>
        new(row.MemberNumber, row.StoreId, row.ExternalId, row.Amount, row.Currency, row.PurchasedAt);

    /// <summary>True when the live path would earn this row without reading anything about the member beyond the chunk's queries.</summary>
    private static bool Ordinary(
        Candidate c,
        Group group,
        Guid partnerId,
        EarningRuleSet rules,
        Dictionary<Guid, Domain.Structural.Partners.Store> stores,
        HashSet<string> recorded,
        HashSet<string> repeated,
        ReferralProgramme? pendingReferral,
        DateTimeOffset now)
    {
        if (!c.Valid || !stores.ContainsKey(c.Row.StoreId) || recorded.Contains(c.ExternalId) || repeated.Contains(c.ExternalId))
        {
            return false;
        }

        if (pendingReferral is not null && pendingReferral.Qualifies(c.Request.Amount, c.Request.Currency, group.Member.EnrolledAt, now))
        {
            return false; // the referral handler decides the member's pending referral on this purchase
        }

        var basket = EarningEngine.BasketOf(c.Request.Amount, c.Request.Currency, c.Request.Lines);
        var occasion = new EarningOccasion(c.Request.PurchasedAt ?? now, partnerId, c.Row.StoreId);
        return EarningEngine.HistoryRules(rules, basket, EarningEngine.Facts(group.Member, group.Tier.Tier), occasion).Count == 0;
    }

    private async Task<Dictionary<Guid, (QualifyingActivity Activity, QualifyingActivity Retention)>> ActivitiesAsync(
        List<Group> groups, TierSchemeSnapshot scheme, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var members = groups.Where(g => g.Tier.Check is not null).Select(g => (g.Member.Id, g.Tier.Check!.QualifyFrom, g.Tier.Check.RetainFrom)).ToList();
        return members.Count == 0 ? [] : await activities.ForMembersAsync(members, scheme.Settings.SpendCurrency, now, cancellationToken);
    }

    private sealed class Candidate(ImportRow row, RecordPurchaseRequest request)
    {
        public ImportRow Row { get; } = row;

        public RecordPurchaseRequest Request { get; } = request;

        public string Number { get; } = MemberNumber.TryParse(row.MemberNumber, out var number) == MemberNumberParseResult.Valid ? number.Value : row.MemberNumber;

        public string ExternalId { get; } = row.ExternalId.Trim();

        public bool Valid { get; set; }
    }

    private sealed record TierState(Tier Tier, PurchaseQualification? Check);

    private sealed class Group(Member member, Tier tier, List<Candidate> rows, PurchaseQualification? check)
    {
        public Member Member { get; } = member;

        public TierState Tier { get; } = new(tier, check);

        public List<Candidate> Rows { get; } = rows;
    }
}
