using Loyalty.Domain.Customised.AccountManagers;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class AccountManagerConfiguration : IEntityTypeConfiguration<AccountManager>
{
    public void Configure(EntityTypeBuilder<AccountManager> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Subject).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.Subject).IsUnique();
        b.Property(m => m.Name).HasMaxLength(200).IsRequired();
        b.Property(m => m.Email).HasMaxLength(320).IsRequired();
    }
}

internal sealed class PortfolioAssignmentConfiguration : IEntityTypeConfiguration<PortfolioAssignment>
{
    public void Configure(EntityTypeBuilder<PortfolioAssignment> b)
    {
        b.HasKey(a => a.MemberId);
        b.Property(a => a.AssignedBy).HasMaxLength(200).IsRequired();
        b.HasIndex(a => new { a.ManagerId, a.MemberId }); // a manager's portfolio, paged by member
        b.HasOne<Member>().WithOne().HasForeignKey<PortfolioAssignment>(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AccountManager>().WithMany().HasForeignKey(a => a.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssignmentChangeConfiguration : IEntityTypeConfiguration<AssignmentChange>
{
    public void Configure(EntityTypeBuilder<AssignmentChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.ChangedBy).HasMaxLength(200).IsRequired();
        b.Property(c => c.Reason).HasMaxLength(AssignmentChange.MaxReasonLength).IsRequired();
        b.HasIndex(c => new { c.MemberId, c.ChangedAt });
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AccountManager>().WithMany().HasForeignKey(c => c.FromManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AccountManager>().WithMany().HasForeignKey(c => c.ToManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeyAccountFileConfiguration : IEntityTypeConfiguration<KeyAccountFile>
{
    public void Configure(EntityTypeBuilder<KeyAccountFile> b)
    {
        b.HasKey(f => f.MemberId);
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Company).HasMaxLength(200);
        b.Property(f => f.Contacts).HasJsonConversion().HasMaxLength(8000).IsRequired();
        b.Property(f => f.Needs).HasMaxLength(2000);
        b.Property(f => f.Equipment).HasMaxLength(2000);
        b.Property(f => f.ServiceLevel).HasMaxLength(500);
        b.Property(f => f.CreditTerms).HasMaxLength(500);
        b.Property(f => f.PaymentTerms).HasMaxLength(500);
        b.Ignore(f => f.Terms);
        b.HasIndex(f => f.NextReviewAt); // due reviews
        b.HasOne<Member>().WithOne().HasForeignKey<KeyAccountFile>(f => f.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeyAccountInteractionConfiguration : IEntityTypeConfiguration<KeyAccountInteraction>
{
    public void Configure(EntityTypeBuilder<KeyAccountInteraction> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Summary).HasMaxLength(KeyAccountInteraction.MaxTextLength).IsRequired();
        b.Property(i => i.Outcome).HasMaxLength(KeyAccountInteraction.MaxTextLength);
        b.Property(i => i.NextStep).HasMaxLength(KeyAccountInteraction.MaxTextLength);
        b.Property(i => i.RecordedBy).HasMaxLength(200).IsRequired();
        b.Ignore(i => i.HasOpenNextStep);
        b.HasIndex(i => new { i.MemberId, i.OccurredAt, i.Id });
        b.HasIndex(i => new { i.NextStepDueAt, i.NextStepDoneAt }); // due next steps
        b.HasOne<KeyAccountFile>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriorityServiceMemberConfiguration : IEntityTypeConfiguration<PriorityServiceMember>
{
    public void Configure(EntityTypeBuilder<PriorityServiceMember> b)
    {
        b.HasKey(p => p.MemberId);
        b.Property(p => p.Reason).HasMaxLength(500);
        b.Property(p => p.SetBy).HasMaxLength(200).IsRequired();
        b.HasOne<Member>().WithOne().HasForeignKey<PriorityServiceMember>(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriorityServiceTierConfiguration : IEntityTypeConfiguration<PriorityServiceTier>
{
    public void Configure(EntityTypeBuilder<PriorityServiceTier> b)
    {
        b.HasKey(p => p.TierId);
        b.Property(p => p.SetBy).HasMaxLength(200).IsRequired();
        b.HasOne<Tier>().WithOne().HasForeignKey<PriorityServiceTier>(p => p.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}
