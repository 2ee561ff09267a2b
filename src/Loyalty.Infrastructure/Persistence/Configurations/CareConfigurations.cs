using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Care.Surveys;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class ServiceCaseConfiguration : IEntityTypeConfiguration<ServiceCase>
{
    public void Configure(EntityTypeBuilder<ServiceCase> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Severity).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Title).HasMaxLength(ServiceCase.MaxTitleLength).IsRequired();
        b.Property(c => c.Description).HasMaxLength(ServiceCase.MaxTextLength).IsRequired();
        b.Property(c => c.Resolution).HasMaxLength(ServiceCase.MaxTextLength);
        b.Property(c => c.NextStep).HasMaxLength(ServiceCase.MaxTextLength).IsRequired();
        b.Property(c => c.Owner).HasMaxLength(200).IsRequired();
        b.Property(c => c.OpenedBy).HasMaxLength(200).IsRequired();
        b.Property(c => c.EscalatedTo).HasMaxLength(200);
        b.HasIndex(c => new { c.MemberId, c.OpenedAt });
        b.HasIndex(c => new { c.Status, c.NextStepDueAt, c.Id }); // queues: due first
        b.HasIndex(c => new { c.Owner, c.Status, c.NextStepDueAt });
        b.HasIndex(c => new { c.Status, c.EscalatedAt, c.ServiceLevelDueAt }); // breaches to escalate
        b.HasIndex(c => c.OpenedAt); // reports per period
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tier>().WithMany().HasForeignKey(c => c.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseStepConfiguration : IEntityTypeConfiguration<CaseStep>
{
    public void Configure(EntityTypeBuilder<CaseStep> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Text).HasMaxLength(ServiceCase.MaxTextLength).IsRequired();
        b.Property(s => s.Note).HasMaxLength(ServiceCase.MaxTextLength);
        b.Property(s => s.SetBy).HasMaxLength(200).IsRequired();
        b.Property(s => s.CompletedBy).HasMaxLength(200);
        b.HasIndex(s => new { s.CaseId, s.Number }).IsUnique();
        b.HasIndex(s => new { s.PromptedAt, s.CompletedAt, s.DueAt }); // steps falling due
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Touchpoint).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Comment).HasMaxLength(Survey.MaxCommentLength);
        b.HasIndex(s => new { s.MemberId, s.Sequence }).IsUnique(); // the cap holds under concurrency: one writer per place
        b.HasIndex(s => new { s.AnsweredAt });
        b.HasIndex(s => new { s.RequestedAt });
        b.HasMany(s => s.Dimensions).WithOne().HasForeignKey(d => d.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Dimensions).UsePropertyAccessMode(PropertyAccessMode.Property);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyDimensionAnswerConfiguration : IEntityTypeConfiguration<SurveyDimensionAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyDimensionAnswer> b)
    {
        b.HasKey(d => new { d.SurveyId, d.Dimension });
        b.Property(d => d.Dimension).HasMaxLength(50);
    }
}

internal sealed class SurveyTriggerConfiguration : IEntityTypeConfiguration<SurveyTrigger>
{
    public void Configure(EntityTypeBuilder<SurveyTrigger> b)
    {
        b.HasKey(t => new { t.Touchpoint, t.TouchpointId }); // each touchpoint is decided once
        b.Property(t => t.Touchpoint).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(t => t.MemberId);
    }
}

internal sealed class MemberLeavingReasonConfiguration : IEntityTypeConfiguration<MemberLeavingReason>
{
    public void Configure(EntityTypeBuilder<MemberLeavingReason> b)
    {
        b.ToTable("LeavingReasons");
        b.HasKey(r => r.Id);
        b.Property(r => r.Reason).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Text).HasMaxLength(MemberLeavingReason.MaxTextLength);
        b.HasIndex(r => r.At);
        b.HasIndex(r => r.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
