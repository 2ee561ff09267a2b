using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Mediator;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>A partner's latest imports, newest first.</summary>
public sealed record ListImportsQuery(Guid PartnerId, int? Limit = null, string? Cursor = null) : IQuery<Page<ImportResponse>>;
