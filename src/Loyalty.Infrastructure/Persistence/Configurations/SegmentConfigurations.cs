using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(Segment.NameMaxLength).IsRequired();
        b.Property(s => s.Description).HasMaxLength(Segment.DescriptionMaxLength);
        // The rule tree is compiled to SQL from memory, never queried inside: JSON text on every provider.
        b.Property(s => s.Definition).HasJsonConversion().IsRequired();
        b.HasIndex(s => s.Name);
        b.Ignore(s => s.IsArchived);
    }
}

internal sealed class SegmentMemberConfiguration : IEntityTypeConfiguration<SegmentMember>
{
    public void Configure(EntityTypeBuilder<SegmentMember> b)
    {
        b.HasKey(m => new { m.SegmentId, m.MemberId });
        b.HasIndex(m => m.MemberId); // a member's segments (offers, the staff view)
        b.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SegmentMembershipChangeConfiguration : IEntityTypeConfiguration<SegmentMembershipChange>
{
    public void Configure(EntityTypeBuilder<SegmentMembershipChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Change).HasConversion<string>().HasMaxLength(10);
        // A segment's history newest first, and a refresh finds the rows it appended by id above its starting point.
        b.HasIndex(c => new { c.SegmentId, c.Id });
        b.HasIndex(c => new { c.MemberId, c.Id });
        b.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
