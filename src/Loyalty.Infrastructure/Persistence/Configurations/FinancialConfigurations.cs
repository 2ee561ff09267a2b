using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Financial.Redemptions;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class EarningRuleConfiguration : IEntityTypeConfiguration<EarningRule>
{
    public void Configure(EntityTypeBuilder<EarningRule> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
        b.Property(r => r.PointsPerCurrencyUnit).HasPrecision(14, 4);
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        b.HasIndex(r => r.IsActive);
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
        b.HasIndex(p => p.MemberId);
        b.Property(p => p.Amount).HasPrecision(18, 4);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(p => p.StoreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EarningRule>().WithMany().HasForeignKey(p => p.EarningRuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Reference).HasMaxLength(100);
        b.HasIndex(r => r.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(r => r.StoreId).OnDelete(DeleteBehavior.Restrict);
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
