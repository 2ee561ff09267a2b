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
        // Name and rank are unique among current tiers (filtered indexes, see TierIndexes); retired ones keep theirs for history.
        b.Property(t => t.EarnMultiplier).HasPrecision(6, 2);
        b.Property(t => t.QualifySpend).HasPrecision(18, 4);
        b.Property(t => t.RetainSpend).HasPrecision(18, 4);
        b.Property(t => t.RewardDiscountPercent).HasPrecision(5, 2);
        b.Property(t => t.Perks).HasJsonConversion().HasMaxLength(4000);
        b.Ignore(t => t.Qualify);
        b.Ignore(t => t.Retain);
        b.Ignore(t => t.Benefits);
        b.Ignore(t => t.IsEntry);
        b.Ignore(t => t.IsRetired);
    }
}

/// <summary>Indexes whose filter is SQL, quoted the provider's way (called from LoyaltyDbContext.OnModelCreating).</summary>
internal static class TierIndexes
{
    public static void Configure(ModelBuilder modelBuilder, bool isSqlServer)
    {
        var current = isSqlServer ? "[RetiredAt] IS NULL" : "\"RetiredAt\" IS NULL";
        var tiers = modelBuilder.Entity<Tier>();
        tiers.HasIndex(t => t.Name, "IX_Tiers_Name").IsUnique().HasFilter(current);
        tiers.HasIndex(t => t.Rank, "IX_Tiers_Rank").IsUnique().HasFilter(current);
    }
}

internal sealed class TierSchemeVersionConfiguration : IEntityTypeConfiguration<TierSchemeVersion>
{
    public void Configure(EntityTypeBuilder<TierSchemeVersion> b)
    {
        b.HasKey(v => v.Id);
        b.HasIndex(v => v.Version).IsUnique();
        b.Property(v => v.Definition).IsRequired();
        b.Property(v => v.CreatedBy).HasMaxLength(200).IsRequired();
        b.Property(v => v.CancelledBy).HasMaxLength(200);
        b.HasIndex(v => v.EffectiveFrom);
        b.Ignore(v => v.IsPending);
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
