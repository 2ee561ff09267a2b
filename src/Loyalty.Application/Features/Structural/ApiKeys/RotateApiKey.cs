using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.ApiKeys;

/// <summary>
/// Issues a successor with the same scopes and lets the old key run out after the grace period. A partner rotating
/// its own keys passes the calling key's scopes (<see cref="CallerScopes"/>): it may only rotate keys whose scopes it
/// holds itself, so no key can mint more power than it has. Staff pass null.
/// </summary>
public sealed record RotateApiKeyCommand(string Actor, Guid PartnerId, Guid KeyId, int? GraceMinutes, IReadOnlyCollection<string>? CallerScopes)
    : ICommand<ApiKeyCreatedResponse>, ITransactionalCommand;

public sealed class RotateApiKeyValidator : AbstractValidator<RotateApiKeyCommand>
{
    public RotateApiKeyValidator() =>
        RuleFor(c => c.GraceMinutes).InclusiveBetween(0, (int)ApiKey.MaxGrace.TotalMinutes).When(c => c.GraceMinutes is not null);
}

public sealed class RotateApiKeyHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, ICredentialCache credentials, TimeProvider clock) : ICommandHandler<RotateApiKeyCommand, ApiKeyCreatedResponse>
{
    public async ValueTask<ApiKeyCreatedResponse> Handle(RotateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var old = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId && k.PartnerId == command.PartnerId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.ApiKeyNotFound, "This partner has no API key with this id.");
        if (command.CallerScopes is { } held && old.ScopeList.Except(held, StringComparer.Ordinal).Any())
        {
            throw AppException.Forbidden(ErrorCodes.ScopeNotHeld, "This key may only rotate keys whose scopes it holds itself.");
        }

        var before = old.ToResponse();
        var (prefix, secret) = ApiKeySecret.Generate();
        var grace = command.GraceMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var successor = old.Rotate(prefix, ApiKeySecret.Hash(secret), clock.GetUtcNow(), grace);
        db.ApiKeys.Add(successor);
        audit.Record(command.Actor, "api_key.rotated", "api_key", old.Id, before, old.ToResponse());
        audit.Record<ApiKeyResponse>(command.Actor, "api_key.created", "api_key", successor.Id, null, successor.ToResponse());
        generations.Touch(CacheArea.Credentials); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        credentials.Invalidate(); // the old key's expiry applies at once, not after the cache's lifetime
        return new ApiKeyCreatedResponse(successor.Id, successor.PartnerId, successor.Name, successor.Prefix, secret, successor.ScopeList, successor.CreatedAt);
    }
}
