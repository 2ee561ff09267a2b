using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;

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
