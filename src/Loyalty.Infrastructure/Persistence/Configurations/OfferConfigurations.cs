using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class PersonalOfferConfiguration : IEntityTypeConfiguration<PersonalOffer>
{
    public void Configure(EntityTypeBuilder<PersonalOffer> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Name).HasMaxLength(200).IsRequired();
        b.Property(o => o.Description).HasMaxLength(2000).IsRequired();
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.BenefitKind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.ControlShare).HasPrecision(5, 4);
        b.Property(o => o.Factor).HasPrecision(9, 4);
        b.Property(o => o.Category).HasMaxLength(100);
        b.Property(o => o.Sku).HasMaxLength(100);
        b.HasIndex(o => new { o.Status, o.EndsAt });
        b.HasIndex(o => o.CreatedAt);
        b.HasOne<Reward>().WithMany().HasForeignKey(o => o.RewardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Segment>().WithMany().HasForeignKey(o => o.SegmentId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(o => o.Benefit);
        b.Ignore(o => o.Terms);
    }
}

internal sealed class OfferTargetConfiguration : IEntityTypeConfiguration<OfferTarget>
{
    public void Configure(EntityTypeBuilder<OfferTarget> b)
    {
        b.HasKey(t => new { t.OfferId, t.MemberId });
        b.HasIndex(t => t.MemberId);
        b.HasOne<PersonalOffer>().WithMany().HasForeignKey(t => t.OfferId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OfferAssignmentConfiguration : IEntityTypeConfiguration<OfferAssignment>
{
    public void Configure(EntityTypeBuilder<OfferAssignment> b)
    {
        b.HasKey(a => new { a.OfferId, a.MemberId });
        b.Property(a => a.Group).HasConversion<string>().HasMaxLength(20);
        // The earn path and the member's list read a member's offers by member.
        b.HasIndex(a => new { a.MemberId, a.Group });
        b.HasOne<PersonalOffer>().WithMany().HasForeignKey(a => a.OfferId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
