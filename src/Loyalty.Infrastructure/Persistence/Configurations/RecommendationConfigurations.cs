using Loyalty.Domain.Customised.Recommendations;
using Loyalty.Domain.Financial.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class PurchaseLineConfiguration : IEntityTypeConfiguration<PurchaseLine>
{
    public void Configure(EntityTypeBuilder<PurchaseLine> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedOnAdd();
        b.Property(l => l.Sku).HasMaxLength(PurchaseLine.SkuLength);
        b.Property(l => l.Category).HasMaxLength(PurchaseLine.CategoryLength);
        b.Property(l => l.Quantity).HasPrecision(18, 4);
        b.Property(l => l.Amount).HasPrecision(18, 4);
        b.HasOne<Purchase>().WithMany().HasForeignKey(l => l.PurchaseId).OnDelete(DeleteBehavior.Cascade);
        // A member's habits are read by member and time; the programme-wide co-purchase pass reads by purchase.
        b.HasIndex(l => new { l.MemberId, l.PurchasedAt });
        b.HasIndex(l => l.PurchaseId);
    }
}

internal sealed class MemberRecommendationConfiguration : IEntityTypeConfiguration<MemberRecommendation>
{
    public void Configure(EntityTypeBuilder<MemberRecommendation> b)
    {
        // A natural key: the batch refresh inserts thousands of rows and needs no generated id back from any of them.
        b.HasKey(r => new { r.MemberId, r.Rank });
        b.Property(r => r.CandidateKind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CandidateName).HasMaxLength(MemberRecommendation.NameLength).IsRequired();
        b.Property(r => r.Category).HasMaxLength(PurchaseLine.CategoryLength);
        b.Property(r => r.ReasonKind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(MemberRecommendation.ReasonLength).IsRequired();
        b.Property(r => r.BasedOnCategory).HasMaxLength(PurchaseLine.CategoryLength);
    }
}

internal sealed class CategoryCoPurchaseConfiguration : IEntityTypeConfiguration<CategoryCoPurchase>
{
    public void Configure(EntityTypeBuilder<CategoryCoPurchase> b)
    {
        b.HasKey(p => new { p.FromCategory, p.ToCategory });
        b.Property(p => p.FromCategory).HasMaxLength(PurchaseLine.CategoryLength);
        b.Property(p => p.ToCategory).HasMaxLength(PurchaseLine.CategoryLength);
    }
}

internal sealed class CategoryPopularityConfiguration : IEntityTypeConfiguration<CategoryPopularity>
{
    public void Configure(EntityTypeBuilder<CategoryPopularity> b)
    {
        b.ToTable("CategoryPopularity");
        b.HasKey(p => p.Category);
        b.Property(p => p.Category).HasMaxLength(PurchaseLine.CategoryLength);
    }
}
