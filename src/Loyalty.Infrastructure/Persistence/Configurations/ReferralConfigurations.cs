using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class MemberReferralCodeConfiguration : IEntityTypeConfiguration<MemberReferralCode>
{
    public void Configure(EntityTypeBuilder<MemberReferralCode> b)
    {
        b.HasKey(c => c.MemberId);
        b.Property(c => c.Code).HasMaxLength(ReferralCode.Length).IsRequired();
        b.HasIndex(c => c.Code).IsUnique();
        b.HasOne<Member>().WithOne().HasForeignKey<MemberReferralCode>(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(ReferralCode.Length).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(40);
        b.Property(r => r.RefereeEmailKey).HasMaxLength(64);
        b.Property(r => r.RefereePhoneKey).HasMaxLength(64);

        // Referred once, ever: one referral per referee, whatever its outcome.
        b.HasIndex(r => r.RefereeId).IsUnique();
        b.HasIndex(r => new { r.ReferrerId, r.CreatedAt });
        b.HasIndex(r => new { r.ReferrerId, r.Status, r.DecidedAt }); // caps
        b.HasIndex(r => r.RefereeEmailKey);
        b.HasIndex(r => r.RefereePhoneKey);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.ReferrerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.RefereeId).OnDelete(DeleteBehavior.Restrict);

        // PurchaseId has no foreign key: it is set inside the purchase's transaction before the purchase row is written.
    }
}

internal sealed class ReferralProgrammeConfiguration : IEntityTypeConfiguration<ReferralProgramme>
{
    public void Configure(EntityTypeBuilder<ReferralProgramme> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.MinimumPurchaseAmount).HasPrecision(18, 4);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
    }
}
