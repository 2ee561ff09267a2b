using Mediator;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>The rejected rows of an import as CSV: rowNumber,externalId,reasonCode,message.</summary>
public sealed record GetRejectedRowsQuery(Guid PartnerId, Guid ImportId) : IQuery<string>;
