using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Domain.Structural.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Url).HasMaxLength(2000).IsRequired();
        b.Property(s => s.Description).HasMaxLength(200);
        b.Property(s => s.EventTypes).HasMaxLength(1000).IsRequired();
        b.Property(s => s.ProtectedSecret).HasMaxLength(1000).IsRequired();
        b.Property(s => s.PreviousProtectedSecret).HasMaxLength(1000);
        b.Ignore(s => s.EventTypeList);
        b.HasIndex(s => s.PartnerId);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.EventType).HasMaxLength(60).IsRequired();
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.LockedBy).HasMaxLength(100);
        b.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        b.HasIndex(d => new { d.MessageId, d.SubscriptionId }).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.Status, d.DeliveredAt }); // the retention job's range of old successes
        b.HasIndex(d => new { d.SubscriptionId, d.MemberId, d.OccurredAt });
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The fan-out marker lives with webhooks: a shadow column, null until the message has its delivery rows.</summary>
internal sealed class OutboxFanOutConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const string FannedOutAt = "FannedOutAt";

    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property<DateTimeOffset?>(FannedOutAt);
        b.HasIndex(FannedOutAt, nameof(OutboxMessage.OccurredAt));
    }
}
