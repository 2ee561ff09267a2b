using Loyalty.Contracts.Admin;
using Loyalty.Domain.Audit;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Partners;
using Riok.Mapperly.Abstractions;

namespace Loyalty.Application.Mapping;

/// <summary>
/// Entity → response mappings, generated at compile time. Strict on the target side: a response field that
/// nothing maps to is a build error, so a new contract field cannot silently stay empty. Entities with an enum on the
/// wire are mapped after loading, not projected: a projection can only cast an enum, not map it by name.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target, EnumMappingStrategy = EnumMappingStrategy.ByName)]
public static partial class ResponseMapper
{
    public static partial PartnerResponse ToResponse(this Partner partner);

    public static partial StoreResponse ToResponse(this Store store);

    public static partial AuditLogEntryResponse ToResponse(this AuditLogEntry entry);

    [MapProperty(nameof(ApiKey.ScopeList), nameof(ApiKeyResponse.Scopes))]
    public static partial ApiKeyResponse ToResponse(this ApiKey key);

    public static partial IQueryable<StoreResponse> ProjectToResponse(this IQueryable<Store> stores);

    public static partial IQueryable<AuditLogEntryResponse> ProjectToResponse(this IQueryable<AuditLogEntry> entries);
}
