using Loyalty.Domain.Insight.Health;
using Loyalty.Domain.Insight.Retention;
using Loyalty.Domain.Insight.Value;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class InsightRunConfiguration : IEntityTypeConfiguration<InsightRun>
{
    public void Configure(EntityTypeBuilder<InsightRun> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.Number).IsUnique(); // two instances starting a run at once: one of them fails and retries later
        b.Property(r => r.Currency).HasMaxLength(3).IsRequired();
        b.Property(r => r.TriggeredBy).HasMaxLength(InsightRun.TriggeredByLength).IsRequired();
    }
}

internal sealed class MemberInsightConfiguration : IEntityTypeConfiguration<MemberInsight>
{
    public void Configure(EntityTypeBuilder<MemberInsight> b)
    {
        // Keyed by run and member: the scoring inserts a million rows and needs no generated id back.
        b.HasKey(i => new { i.RunId, i.MemberId });
        b.HasOne<InsightRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Class).HasConversion<string>().HasMaxLength(20);
        b.Ignore(i => i.Facts);
        // A member's history across runs.
        b.HasIndex(i => i.MemberId);
        // The at-risk list within a run, in its own order (riskiest first, then most valuable, then id): its first page
        // is the top of this index, not a sort of the run's million rows.
        b.HasIndex(i => new { i.RunId, i.ChurnScore, i.ValueRank, i.MemberId }, "IX_MemberInsights_AtRisk")
            .IsDescending(false, true, false, false);
    }
}

internal sealed class RetentionActionConfiguration : IEntityTypeConfiguration<RetentionAction>
{
    public void Configure(EntityTypeBuilder<RetentionAction> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Note).HasMaxLength(RetentionAction.NoteLength).IsRequired();
        b.Property(a => a.TakenBy).HasMaxLength(RetentionAction.ByLength).IsRequired();
        b.Ignore(a => a.DueAt);
        b.HasIndex(a => new { a.MemberId, a.TakenAt });
        b.HasIndex(a => a.Outcome); // the job judges pending ones
    }
}

internal sealed class ProgrammeHealthMonthConfiguration : IEntityTypeConfiguration<ProgrammeHealthMonth>
{
    public void Configure(EntityTypeBuilder<ProgrammeHealthMonth> b)
    {
        // 'yyyy-MM' sorts and ranges as text: a range of months reads its rows by key.
        b.HasKey(m => m.Month);
        b.Property(m => m.Month).HasMaxLength(7).IsFixedLength();
        b.Ignore(m => m.Counts);
    }
}

internal sealed class ProgrammeHealthAcquisitionConfiguration : IEntityTypeConfiguration<ProgrammeHealthAcquisition>
{
    public void Configure(EntityTypeBuilder<ProgrammeHealthAcquisition> b)
    {
        b.HasKey(a => new { a.Month, a.Source, a.Key });
        b.Property(a => a.Month).HasMaxLength(7).IsFixedLength();
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Key).HasMaxLength(40);
    }
}

internal sealed class CampaignRunValueConfiguration : IEntityTypeConfiguration<CampaignRunValue>
{
    public void Configure(EntityTypeBuilder<CampaignRunValue> b)
    {
        b.HasKey(v => new { v.RunId, v.CampaignId });
        b.HasOne<InsightRun>().WithMany().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunValueCellConfiguration : IEntityTypeConfiguration<RunValueCell>
{
    public void Configure(EntityTypeBuilder<RunValueCell> b)
    {
        b.HasKey(c => new { c.RunId, c.ValueDecile, c.Recency, c.Frequency, c.Monetary });
        b.HasOne<InsightRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
