using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.ExternalId).HasMaxLength(200);
        b.HasIndex(m => m.ExternalId).IsUnique();
        b.Property(m => m.MemberNumber).HasMaxLength(MemberNumber.Length).IsRequired();
        b.HasIndex(m => m.MemberNumber).IsUnique();
        b.Property(m => m.FirstName).HasMaxLength(100).IsRequired();
        b.Property(m => m.LastName).HasMaxLength(100).IsRequired();
        b.Property(m => m.Email).HasMaxLength(254).IsRequired();
        b.Property(m => m.NormalizedEmail).HasMaxLength(254).IsRequired();
        b.HasIndex(m => m.NormalizedEmail).IsUnique();
        b.HasIndex(m => m.LastName);
        b.Property(m => m.Phone).HasMaxLength(32);
        b.HasIndex(m => m.Phone); // exact look-up by phone as stored, for members enrolled before PhoneNormalised
        b.Property(m => m.PhoneNormalised).HasMaxLength(Domain.Customised.Profiles.PhoneNumbers.NormalisedLength);
        b.HasIndex(m => m.PhoneNormalised); // look-up by phone however typed (staff, and tills with members:lookup)
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.EnrolmentChannel).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(m => m.MergedIntoMemberId); // a survivor's history includes the members merged into it
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MergedIntoMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tier>().WithMany().HasForeignKey(m => m.TierId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.TierReviewAt); // the tier review job's scan
        b.Ignore(m => m.DisplayName);
    }
}

internal sealed class PointsAccountConfiguration : IEntityTypeConfiguration<PointsAccount>
{
    public void Configure(EntityTypeBuilder<PointsAccount> b)
    {
        b.HasKey(a => a.MemberId);
        b.HasOne<Member>().WithOne().HasForeignKey<PointsAccount>(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Description).HasMaxLength(500).IsRequired();
        b.Property(e => e.Actor).HasMaxLength(200);
        b.HasIndex(e => new { e.MemberId, e.Id });
        b.HasIndex(e => e.PurchaseId);
        b.HasIndex(e => e.RedemptionId);
        b.HasIndex(e => new { e.OccurredAt, e.Type }); // the liability report by period
        b.HasIndex(e => new { e.PartnerId, e.OccurredAt }); // one partner's settlement, without reading every partner's month
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
