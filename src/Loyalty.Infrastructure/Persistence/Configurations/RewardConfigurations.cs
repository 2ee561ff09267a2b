using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class RewardConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(r => r.Name).IsUnique();
        b.Property(r => r.Description).HasMaxLength(1000).IsRequired();
        b.Property(r => r.Category).HasMaxLength(Reward.CategoryLength);
        b.HasIndex(r => new { r.IsActive, r.PointsCost });
        b.HasMany(r => r.Tiers).WithOne().HasForeignKey(t => t.RewardId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Tiers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(r => r.EligibleTierIds);
        b.Ignore(r => r.Terms);
    }
}

internal sealed class RewardTierConfiguration : IEntityTypeConfiguration<RewardTier>
{
    public void Configure(EntityTypeBuilder<RewardTier> b)
    {
        b.ToTable("RewardTiers");
        b.HasKey(t => new { t.RewardId, t.TierId });
        b.HasIndex(t => t.TierId);
        b.HasOne<Tier>().WithMany().HasForeignKey(t => t.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VoucherConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Code).HasMaxLength(VoucherCode.Length).IsFixedLength().IsRequired();
        b.HasIndex(v => v.Code).IsUnique();
        b.Property(v => v.RewardName).HasMaxLength(100).IsRequired();
        b.Property(v => v.UseReference).HasMaxLength(100);
        // The member's list pages newest first; the per-member limit counts one member's vouchers of one reward.
        b.HasIndex(v => new { v.MemberId, v.IssuedAt, v.Code });
        b.HasIndex(v => new { v.MemberId, v.RewardId });
        b.HasIndex(v => v.RewardId);
        b.HasOne<Reward>().WithMany().HasForeignKey(v => v.RewardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(v => v.UsedByPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(v => v.UsedAtStoreId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(v => v.VoucherCode);
    }
}
