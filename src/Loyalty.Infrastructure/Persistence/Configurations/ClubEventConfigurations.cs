using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class ClubEventConfiguration : IEntityTypeConfiguration<ClubEvent>
{
    public void Configure(EntityTypeBuilder<ClubEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Title).HasMaxLength(200).IsRequired();
        b.Property(e => e.Description).HasMaxLength(4000).IsRequired();
        b.Property(e => e.VenueName).HasMaxLength(200);
        b.Property(e => e.VenueAddress).HasMaxLength(500);
        b.Property(e => e.OnlineUrl).HasMaxLength(2000);
        b.Property(e => e.CancellationReason).HasMaxLength(500);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        // Members browse upcoming events by start; partners list the events they host.
        b.HasIndex(e => new { e.Status, e.StartsAt });
        b.HasIndex(e => new { e.PartnerId, e.StartsAt });
        b.HasOne<Partner>().WithMany().HasForeignKey(e => e.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(e => e.StoreId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Tiers).WithOne().HasForeignKey(t => t.ClubEventId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Tiers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(e => e.EligibleTierIds);
        b.Ignore(e => e.Terms);
        b.Ignore(e => e.RegistrationDeadline);
        b.Ignore(e => e.CancellationDeadline);
        b.Ignore(e => e.CheckInOpensAt);
        b.Ignore(e => e.CheckInClosesAt);
    }
}

internal sealed class ClubEventTierConfiguration : IEntityTypeConfiguration<ClubEventTier>
{
    public void Configure(EntityTypeBuilder<ClubEventTier> b)
    {
        b.ToTable("ClubEventTiers");
        b.HasKey(t => new { t.ClubEventId, t.TierId });
        b.HasIndex(t => t.TierId);
        b.HasOne<Tier>().WithMany().HasForeignKey(t => t.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClubEventRegistrationConfiguration : IEntityTypeConfiguration<ClubEventRegistration>
{
    public void Configure(EntityTypeBuilder<ClubEventRegistration> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CheckInChannel).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CheckedInBy).HasMaxLength(200);
        // One registration per member and event (a renewal reuses it); the queue order is unique within an event.
        b.HasIndex(r => new { r.ClubEventId, r.MemberId }).IsUnique();
        b.HasIndex(r => new { r.ClubEventId, r.Sequence }).IsUnique();
        b.HasIndex(r => new { r.ClubEventId, r.Status });
        b.HasIndex(r => r.MemberId);
        b.HasOne<ClubEvent>().WithMany().HasForeignKey(r => r.ClubEventId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(r => r.CheckedInByPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(r => r.CheckedInAtStoreId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.HoldsPlace);
    }
}
