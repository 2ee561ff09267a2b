using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class TierConfiguration : IEntityTypeConfiguration<Tier>
{
    public void Configure(EntityTypeBuilder<Tier> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(t => t.Name).IsUnique();
        b.HasIndex(t => t.Rank).IsUnique();
        b.Property(t => t.EarnMultiplier).HasPrecision(6, 2);
        b.Property(t => t.QualifySpend).HasPrecision(18, 4);
        b.Property(t => t.RetainSpend).HasPrecision(18, 4);
        b.Property(t => t.RewardDiscountPercent).HasPrecision(5, 2);
        b.Property(t => t.Perks).HasJsonConversion().HasMaxLength(4000);
        b.Ignore(t => t.Qualify);
        b.Ignore(t => t.Retain);
        b.Ignore(t => t.Benefits);
        b.Ignore(t => t.IsEntry);
    }
}

internal sealed class TierProgrammeConfiguration : IEntityTypeConfiguration<TierProgramme>
{
    public void Configure(EntityTypeBuilder<TierProgramme> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.WindowKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.DowngradeMode).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.SpendCurrency).HasMaxLength(3).IsFixedLength();
        b.Ignore(p => p.Settings);
    }
}

internal sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.Reason).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Spend).HasPrecision(18, 4);
        b.Property(c => c.Actor).HasMaxLength(200).IsRequired();
        b.HasIndex(c => new { c.MemberId, c.Id });
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tier>().WithMany().HasForeignKey(c => c.ToTierId).OnDelete(DeleteBehavior.Restrict);
    }
}
