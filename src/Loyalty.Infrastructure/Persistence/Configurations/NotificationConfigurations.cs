using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class ContentInterestConfiguration : IEntityTypeConfiguration<ContentInterest>
{
    public void Configure(EntityTypeBuilder<ContentInterest> b)
    {
        b.ToTable("ContentInterests");
        b.HasKey(c => new { c.ContentKind, c.ContentId, c.TopicId });
        b.Property(c => c.ContentKind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => c.TopicId);
        b.HasOne<InterestTopic>().WithMany().HasForeignKey(c => c.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberNotificationConfiguration : IEntityTypeConfiguration<MemberNotification>
{
    public void Configure(EntityTypeBuilder<MemberNotification> b)
    {
        b.ToTable("MemberNotifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedOnAdd();
        b.Property(n => n.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.ContentKind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Reason).HasMaxLength(MemberNotification.ReasonLength).IsRequired();
        // The cap counts a member's recent notifications; the fan-out skips a member already told about the content.
        b.HasIndex(n => new { n.MemberId, n.At });
        b.HasIndex(n => new { n.MemberId, n.Sequence }).IsUnique(); // the cap holds under concurrency: one writer per place
        b.HasIndex(n => new { n.ContentKind, n.ContentId, n.MemberId }).IsUnique();
        b.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.ToTable("NotificationSettings");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
