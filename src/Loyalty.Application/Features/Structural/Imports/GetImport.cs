using Loyalty.Contracts.Partner;
using Mediator;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>One import of a partner; another partner's import is not found.</summary>
public sealed record GetImportQuery(Guid PartnerId, Guid ImportId) : IQuery<ImportResponse>;
