using Loyalty.Domain.Structural.Imports;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(i => new { i.PartnerId, i.CreatedAt });
        b.HasIndex(i => new { i.Status, i.CreatedAt }); // the job's queue
        b.HasOne<Partner>().WithMany().HasForeignKey(i => i.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> b)
    {
        b.HasKey(r => new { r.ImportId, r.RowNumber });
        b.Property(r => r.MemberNumber).HasMaxLength(ImportRow.MaxText).IsRequired();
        b.Property(r => r.ExternalId).HasMaxLength(ImportRow.MaxText + 1).IsRequired();
        b.Property(r => r.Amount).HasPrecision(18, 4);
        b.Property(r => r.Currency).HasMaxLength(4).IsRequired();
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ReasonCode).HasMaxLength(60);
        b.Property(r => r.Message).HasMaxLength(ImportRow.MaxMessage);
        b.HasIndex(r => new { r.ImportId, r.Outcome, r.RowNumber }); // next pending chunk; the rejected report
        b.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
