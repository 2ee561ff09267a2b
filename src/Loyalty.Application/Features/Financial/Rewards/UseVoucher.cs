using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Rewards;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

/// <summary>A till honours a voucher: it is marked used, once, at one of the partner's own stores.</summary>
public sealed record UseVoucherCommand(Guid PartnerId, string Code, UseVoucherRequest Request) : ICommand<PartnerVoucherResponse>, ITransactionalCommand;

public sealed class UseVoucherValidator : AbstractValidator<UseVoucherCommand>
{
    public UseVoucherValidator()
    {
        RuleFor(c => c.Request.StoreId).NotEmpty();
        RuleFor(c => c.Request.Reference).MaximumLength(100);
    }
}

public sealed class UseVoucherHandler(ILoyaltyDbContext db, EventOutbox outbox, TimeProvider clock) : ICommandHandler<UseVoucherCommand, PartnerVoucherResponse>
{
    public async ValueTask<PartnerVoucherResponse> Handle(UseVoucherCommand command, CancellationToken cancellationToken)
    {
        var code = VoucherCodes.Parse(command.Code);
        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, command.Request.StoreId, cancellationToken);
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code.Value, cancellationToken)
            ?? throw VoucherCodes.NotFound();

        var now = clock.GetUtcNow();
        var reference = string.IsNullOrWhiteSpace(command.Request.Reference) ? null : command.Request.Reference.Trim();
        // Conditional: of two tills racing with the same code, only one update matches.
        var used = await db.Vouchers.Where(v => v.Id == voucher.Id && v.UsedAt == null && v.ExpiresAt > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(v => v.UsedAt, now)
                      .SetProperty(v => v.UsedByPartnerId, command.PartnerId)
                      .SetProperty(v => v.UsedAtStoreId, store.Id)
                      .SetProperty(v => v.UseReference, reference),
                cancellationToken);
        if (used == 0)
        {
            var usedAt = await db.Vouchers.AsNoTracking().Where(v => v.Id == voucher.Id).Select(v => v.UsedAt).SingleAsync(cancellationToken);
            throw usedAt is not null
                ? AppException.Conflict(ErrorCodes.VoucherAlreadyUsed, $"This voucher was already used on {usedAt:u}.")
                : new DomainException(ErrorCodes.VoucherExpired, $"This voucher expired on {voucher.ExpiresAt:u}.");
        }

        outbox.Add(new VoucherUsedV1(code.Formatted, voucher.RewardId, voucher.RewardName, store.Id, reference, now), voucher.MemberId, command.PartnerId);
        await db.SaveChangesAsync(cancellationToken);
        return new PartnerVoucherResponse(code.Formatted, voucher.RewardId, voucher.RewardName, Contracts.Common.VoucherStatus.Used, voucher.IssuedAt, voucher.ExpiresAt, now, store.Id, reference);
    }
}
