using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

public sealed record GetKeyAccountFileQuery(StaffCaller Caller, Guid MemberId) : IQuery<KeyAccountFileResponse>;

public sealed class GetKeyAccountFileHandler(ILoyaltyDbContext db) : IQueryHandler<GetKeyAccountFileQuery, KeyAccountFileResponse>
{
    public async ValueTask<KeyAccountFileResponse> Handle(GetKeyAccountFileQuery query, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        return await KeyAccountFiles.ResponseAsync(db, await KeyAccountFiles.FindAsync(db, query.MemberId, cancellationToken), cancellationToken);
    }
}
