using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class PointsLotConfiguration : IEntityTypeConfiguration<PointsLot>
{
    public void Configure(EntityTypeBuilder<PointsLot> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedOnAdd();
        b.HasIndex(l => l.PurchaseId);
        b.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);

        // The spendable, expiring and pending indexes are partial (see LoyaltyDbContext.OnModelCreating).
    }
}

internal sealed class LotDebitConfiguration : IEntityTypeConfiguration<LotDebit>
{
    public void Configure(EntityTypeBuilder<LotDebit> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedOnAdd();
        b.HasIndex(d => d.ReferenceId);
        b.HasOne<PointsLot>().WithMany().HasForeignKey(d => d.LotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PointsPolicyConfiguration : IEntityTypeConfiguration<PointsPolicy>
{
    public void Configure(EntityTypeBuilder<PointsPolicy> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.ExpiryKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ExpiryUnit).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ExpiryRounding).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ReturnPolicy).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.PointsOnClose).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PointValue).HasPrecision(18, 6);
        b.Property(p => p.PointValueCurrency).HasMaxLength(3).IsFixedLength();
        b.Ignore(p => p.Expiry);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Type).HasMaxLength(60).IsRequired();
        b.Property(m => m.Payload).IsRequired();
        b.HasIndex(m => m.OccurredAt);
        b.HasIndex(m => new { m.MemberId, m.OccurredAt });
    }
}
