using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.ApiKeys;

public sealed record RevokeApiKeyCommand(string Actor, Guid PartnerId, Guid KeyId) : ICommand<ApiKeyResponse>, ITransactionalCommand;

public sealed class RevokeApiKeyHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, ICredentialCache credentials, TimeProvider clock) : ICommandHandler<RevokeApiKeyCommand, ApiKeyResponse>
{
    public async ValueTask<ApiKeyResponse> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId && k.PartnerId == command.PartnerId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.ApiKeyNotFound, "This partner has no API key with this id.");
        var before = key.ToResponse();
        key.Revoke(clock.GetUtcNow());
        var after = key.ToResponse();
        audit.Record(command.Actor, "api_key.revoked", "api_key", key.Id, before, after);
        generations.Touch(CacheArea.Credentials); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        credentials.Invalidate();
        return after;
    }
}
