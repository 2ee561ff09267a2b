using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loyalty.Infrastructure.Scaling;

/// <summary>
/// One row per cached area. <see cref="Stamp"/> is a random number replaced with every change: instances compare it
/// for inequality only, so writing it needs no read first and can ride in the change's own SaveChanges.
/// </summary>
public sealed class CacheGeneration
{
    public CacheArea Area { get; set; }

    public long Stamp { get; set; }
}

internal sealed class CacheGenerationConfiguration : IEntityTypeConfiguration<CacheGeneration>
{
    public void Configure(EntityTypeBuilder<CacheGeneration> b)
    {
        b.ToTable("CacheGenerations");
        b.HasKey(g => g.Area);
        b.Property(g => g.Area).HasConversion<string>().HasMaxLength(40);
        b.HasData(Enum.GetValues<CacheArea>().Select(a => new CacheGeneration { Area = a, Stamp = 0 }));
    }
}

/// <summary>A running API instance, seen at its last heartbeat; the live ones share the rate limits.</summary>
public sealed class ServiceInstance
{
    public Guid Id { get; set; }

    public string Host { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class ServiceInstanceConfiguration : IEntityTypeConfiguration<ServiceInstance>
{
    public void Configure(EntityTypeBuilder<ServiceInstance> b)
    {
        b.ToTable("ServiceInstances");
        b.HasKey(i => i.Id);
        b.Property(i => i.Host).HasMaxLength(200).IsRequired();
        b.HasIndex(i => i.SeenAt);
    }
}
