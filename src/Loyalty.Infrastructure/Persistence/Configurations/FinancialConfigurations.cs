using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Financial.Redemptions;
using Loyalty.Domain.Financial.Transfers;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class EarningRuleConfiguration : IEntityTypeConfiguration<EarningRule>
{
    public void Configure(EntityTypeBuilder<EarningRule> b)
    {
        // One row per version; concurrent updates of one rule collide on this key (409 earning_rule_changed).
        b.HasKey(r => new { r.Id, r.Version });
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.GrantOn).HasConversion<string>().HasMaxLength(10).HasDefaultValue(BonusGrantOn.Purchase).HasSentinel((BonusGrantOn)(-1));
        b.Property(r => r.PointsPerCurrencyUnit).HasPrecision(14, 4);
        b.Property(r => r.Factor).HasPrecision(8, 4);
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(r => r.ExclusiveGroup).HasMaxLength(50);
        b.Property(r => r.CreatedBy).HasMaxLength(200).IsRequired();
        b.Property(r => r.Conditions).HasJsonConversion().IsRequired();
        b.HasIndex(r => r.IsActive);
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(100).IsRequired();
        b.Property(c => c.Description).HasMaxLength(500);
        b.Property(c => c.Weekdays).HasJsonConversion();
        b.Property(c => c.TierIds).HasJsonConversion();
        b.Property(c => c.PartnerIds).HasJsonConversion();
        b.HasIndex(c => c.From);
    }
}

internal sealed class EarnBreakdownLineConfiguration : IEntityTypeConfiguration<EarnBreakdownLine>
{
    public void Configure(EntityTypeBuilder<EarnBreakdownLine> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedOnAdd();
        b.Property(l => l.Kind).HasMaxLength(20).IsRequired();
        b.Property(l => l.Description).HasMaxLength(300).IsRequired();
        b.HasIndex(l => l.PurchaseId);
        b.HasIndex(l => l.LedgerEntryId);
        // Cap usage: what one rule gave one member in a period.
        b.HasIndex(l => new { l.MemberId, l.RuleId, l.EarnedAt });
        b.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Purchase>().WithMany().HasForeignKey(l => l.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EarningRule>().WithMany().HasForeignKey(l => new { l.RuleId, l.RuleVersion }).OnDelete(DeleteBehavior.Restrict);
        // A personal offer's redemptions, for its report.
        b.HasIndex(l => l.OfferId);
        b.HasOne<Domain.Customised.Offers.PersonalOffer>().WithMany().HasForeignKey(l => l.OfferId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DayBonusGrantConfiguration : IEntityTypeConfiguration<DayBonusGrant>
{
    public void Configure(EntityTypeBuilder<DayBonusGrant> b)
    {
        b.HasKey(g => g.Id);
        b.Property(g => g.Id).ValueGeneratedOnAdd();
        // Once per rule, member and year, whichever instance runs the job.
        b.HasIndex(g => new { g.RuleId, g.MemberId, g.Year }).IsUnique();
        b.HasIndex(g => g.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(g => g.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EarningRule>().WithMany().HasForeignKey(g => new { g.RuleId, g.RuleVersion }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(g => g.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.ExternalId).HasMaxLength(100).IsRequired();
        // A receipt earns once: the partner's own id is unique per partner.
        b.HasIndex(p => new { p.PartnerId, p.ExternalId }).IsUnique();
        b.HasIndex(p => new { p.MemberId, p.PurchasedAt }); // a member's purchases in a tier window
        b.Property(p => p.Amount).HasPrecision(18, 4);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        b.Property(p => p.ReturnedAmount).HasPrecision(18, 4);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(p => p.StoreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Reference).HasMaxLength(100);
        // Saved with "WHERE Status = <the status read>": two instances can never both complete one authorisation.
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.HasIndex(r => r.MemberId);
        b.HasIndex(r => new { r.Status, r.ExpiresAt }); // the expiry job's scan
        b.Ignore(r => r.HeldPoints);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(r => r.StoreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PurchaseReturnConfiguration : IEntityTypeConfiguration<PurchaseReturn>
{
    public void Configure(EntityTypeBuilder<PurchaseReturn> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.ReturnId).HasMaxLength(100).IsRequired();
        // A return is credited once: the partner's return id is unique per purchase.
        b.HasIndex(r => new { r.PurchaseId, r.ReturnId }).IsUnique();
        b.Property(r => r.Amount).HasPrecision(18, 4);
        b.Property(r => r.Policy).HasConversion<string>().HasMaxLength(30); // ReverseWithinAvailable is 22
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Ignore(r => r.PointsReversed);
        b.HasOne<Purchase>().WithMany().HasForeignKey(r => r.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PointsTransferConfiguration : IEntityTypeConfiguration<PointsTransfer>
{
    public void Configure(EntityTypeBuilder<PointsTransfer> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Message).HasMaxLength(140);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(30).IsConcurrencyToken();
        b.HasIndex(t => new { t.FromMemberId, t.CreatedAt });
        b.HasIndex(t => new { t.ToMemberId, t.CreatedAt });
        b.HasIndex(t => new { t.FromMemberId, t.Status, t.CompletedAt }); // the monthly limit's sum
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.FromMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.ToMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BulkGrantConfiguration : IEntityTypeConfiguration<BulkGrant>
{
    public void Configure(EntityTypeBuilder<BulkGrant> b)
    {
        b.HasKey(g => g.Id);
        b.Property(g => g.Reason).HasMaxLength(500).IsRequired();
        b.Property(g => g.CreatedBy).HasMaxLength(200).IsRequired();
        b.HasIndex(g => g.CreatedAt);
    }
}

internal sealed class BulkGrantItemConfiguration : IEntityTypeConfiguration<BulkGrantItem>
{
    public void Configure(EntityTypeBuilder<BulkGrantItem> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedOnAdd();
        b.Property(i => i.MemberNumber).HasMaxLength(BulkGrantItem.MaxInputLength).IsRequired();
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.FailureCode).HasMaxLength(40);
        // A member is credited at most once per grant.
        b.HasIndex(i => new { i.GrantId, i.MemberNumber }).IsUnique();
        b.HasIndex(i => new { i.Status, i.GrantId });
        b.HasOne<BulkGrant>().WithMany().HasForeignKey(i => i.GrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
