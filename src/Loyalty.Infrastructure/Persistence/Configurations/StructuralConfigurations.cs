using Loyalty.Domain.Audit;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.ContactEmail).HasMaxLength(254);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.Code).HasMaxLength(50).IsRequired();
        b.Property(s => s.City).HasMaxLength(100);
        b.HasIndex(s => new { s.PartnerId, s.Code }).IsUnique();
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        b.HasIndex(k => k.Prefix).IsUnique();
        b.Property(k => k.SecretHash).HasMaxLength(32).IsRequired();
        b.Property(k => k.Scopes).HasMaxLength(500).IsRequired();
        b.Property(k => k.ExpiresAt).IsConcurrencyToken(); // two rotations at once: one saves, the other is a 409
        b.Ignore(k => k.ScopeList);
        b.Ignore(k => k.IsRevoked);
        b.HasOne<Partner>().WithMany().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> b)
    {
        b.ToTable("AuditLog");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Actor).HasMaxLength(200).IsRequired();
        b.Property(e => e.Action).HasMaxLength(100).IsRequired();
        b.Property(e => e.EntityType).HasMaxLength(50).IsRequired();
        b.Property(e => e.EntityId).HasMaxLength(100).IsRequired();
        b.HasIndex(e => new { e.EntityType, e.EntityId });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.Scope, r.Key });
        b.Property(r => r.Scope).HasMaxLength(100);
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.HasIndex(r => r.ExpiresAt);
    }
}
