using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Persistence.Configurations;

internal sealed class InterestTopicConfiguration : IEntityTypeConfiguration<InterestTopic>
{
    public void Configure(EntityTypeBuilder<InterestTopic> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Code).HasMaxLength(50).IsRequired();
        b.HasIndex(t => t.Code).IsUnique();
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
    }
}

internal sealed class MemberInterestConfiguration : IEntityTypeConfiguration<MemberInterest>
{
    public void Configure(EntityTypeBuilder<MemberInterest> b)
    {
        b.HasKey(i => new { i.MemberId, i.TopicId });
        b.HasIndex(i => i.TopicId); // segments and notifications: the members interested in a topic
        b.HasOne<Member>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InterestTopic>().WithMany().HasForeignKey(i => i.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberProfileConfiguration : IEntityTypeConfiguration<MemberProfile>
{
    public void Configure(EntityTypeBuilder<MemberProfile> b)
    {
        b.HasKey(p => p.MemberId);
        b.Property(p => p.PreferredChannel).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Language).HasMaxLength(35);
        b.Property(p => p.IncomeBand).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(p => p.HouseholdId);
        b.HasIndex(p => p.PreferredStoreId);
        b.HasOne<Member>().WithOne().HasForeignKey<MemberProfile>(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store>().WithMany().HasForeignKey(p => p.PreferredStoreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.HasKey(h => h.Id);
        b.HasIndex(h => h.HeadMemberId).IsUnique(); // a member heads at most one household
        b.HasOne<Member>().WithMany().HasForeignKey(h => h.HeadMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProfileAttributeDefinitionConfiguration : IEntityTypeConfiguration<ProfileAttributeDefinition>
{
    public void Configure(EntityTypeBuilder<ProfileAttributeDefinition> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(50).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Choices).HasMaxLength(2000).IsRequired();
        b.Ignore(d => d.ChoiceList);
    }
}

internal sealed class MemberAttributeValueConfiguration : IEntityTypeConfiguration<MemberAttributeValue>
{
    public void Configure(EntityTypeBuilder<MemberAttributeValue> b)
    {
        b.HasKey(v => new { v.MemberId, v.DefinitionId });
        b.Property(v => v.Value).HasMaxLength(MemberAttributeValue.MaxLength).IsRequired();
        b.HasIndex(v => v.DefinitionId);
        b.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProfileAttributeDefinition>().WithMany().HasForeignKey(v => v.DefinitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerMemberAttributeConfiguration : IEntityTypeConfiguration<PartnerMemberAttribute>
{
    public void Configure(EntityTypeBuilder<PartnerMemberAttribute> b)
    {
        // The partner id leads the key: every read is within one partner's namespace.
        b.HasKey(a => new { a.PartnerId, a.MemberId, a.Key });
        b.Property(a => a.Key).HasMaxLength(PartnerMemberAttribute.MaxKeyLength);
        b.Property(a => a.Value).HasMaxLength(PartnerMemberAttribute.MaxValueLength).IsRequired();
        b.HasIndex(a => a.MemberId); // staff view and erasure
        b.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberConsentConfiguration : IEntityTypeConfiguration<MemberConsent>
{
    public void Configure(EntityTypeBuilder<MemberConsent> b)
    {
        b.ToTable("MemberConsents");
        b.HasKey(c => new { c.MemberId, c.Purpose, c.Channel });
        b.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        // Audience queries ("marketing by e-mail, granted") start from the purpose and channel.
        b.HasIndex(c => new { c.Purpose, c.Channel, c.Granted, c.MemberId });
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentChangeConfiguration : IEntityTypeConfiguration<ConsentChange>
{
    public void Configure(EntityTypeBuilder<ConsentChange> b)
    {
        b.ToTable("ConsentChanges");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Actor).HasMaxLength(200);
        b.HasIndex(c => new { c.MemberId, c.Id });
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
