using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.ApiKeys;

public sealed record CreateApiKeyCommand(string Actor, Guid PartnerId, CreateApiKeyRequest Request) : ICommand<ApiKeyCreatedResponse>, ITransactionalCommand;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Request.Scopes).NotEmpty().WithMessage("scopes must name at least one scope.");
        RuleForEach(c => c.Request.Scopes)
            .Must(s => ApiKeyScopes.All.Contains(s))
            .WithMessage(s => $"Unknown scope. Known scopes: {string.Join(", ", ApiKeyScopes.All)}.");
    }
}

public sealed class CreateApiKeyHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateApiKeyCommand, ApiKeyCreatedResponse>
{
    public async ValueTask<ApiKeyCreatedResponse> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var partner = await PartnerLookup.FindAsync(db, command.PartnerId, cancellationToken);
        var (prefix, secret) = ApiKeySecret.Generate();
        var key = ApiKey.Issue(partner.Id, command.Request.Name, prefix, ApiKeySecret.Hash(secret), command.Request.Scopes, clock.GetUtcNow());
        db.ApiKeys.Add(key);
        var response = key.ToResponse();
        audit.Record<ApiKeyResponse>(command.Actor, "api_key.created", "api_key", key.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreatedResponse(key.Id, key.PartnerId, key.Name, key.Prefix, secret, key.ScopeList, key.CreatedAt);
    }
}

public sealed record RevokeApiKeyCommand(string Actor, Guid PartnerId, Guid KeyId) : ICommand<ApiKeyResponse>, ITransactionalCommand;

public sealed class RevokeApiKeyHandler(ILoyaltyDbContext db, AuditTrail audit, ICredentialCache credentials, TimeProvider clock) : ICommandHandler<RevokeApiKeyCommand, ApiKeyResponse>
{
    public async ValueTask<ApiKeyResponse> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId && k.PartnerId == command.PartnerId, cancellationToken)
            ?? throw AppException.NotFound("api_key_not_found", "This partner has no API key with this id.");
        var before = key.ToResponse();
        key.Revoke(clock.GetUtcNow());
        var after = key.ToResponse();
        audit.Record(command.Actor, "api_key.revoked", "api_key", key.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        credentials.Invalidate();
        return after;
    }
}

public sealed record ListApiKeysQuery(Guid PartnerId) : IQuery<IReadOnlyList<ApiKeyResponse>>;

public sealed class ListApiKeysHandler(ILoyaltyDbContext db) : IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyResponse>>
{
    public async ValueTask<IReadOnlyList<ApiKeyResponse>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.PartnerId == query.PartnerId).ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.CreatedAt).Select(k => k.ToResponse()).ToList();
    }
}
