using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

/// <summary>Opens the member's key-account file or replaces its contents (the interaction log stays).</summary>
public sealed record SaveKeyAccountFileCommand(StaffCaller Caller, Guid MemberId, KeyAccountFileRequest Request) : ICommand<KeyAccountFileResponse>, ITransactionalCommand;

public sealed class SaveKeyAccountFileValidator : AbstractValidator<SaveKeyAccountFileCommand>
{
    public SaveKeyAccountFileValidator()
    {
        RuleFor(c => c.Request.Kind).IsInEnum();
        RuleFor(c => c.Request.Company).MaximumLength(200);
        RuleFor(c => c.Request.Needs).MaximumLength(2000);
        RuleFor(c => c.Request.Equipment).MaximumLength(2000);
        RuleFor(c => c.Request.Contacts).Must(c => c is null || c.Count <= KeyAccountFile.MaxContacts).WithMessage($"At most {KeyAccountFile.MaxContacts} contacts.");
        RuleForEach(c => c.Request.Contacts).ChildRules(contact =>
        {
            contact.RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            contact.RuleFor(c => c.Role).MaximumLength(100);
            contact.RuleFor(c => c.Email).MaximumLength(320).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email));
            contact.RuleFor(c => c.Phone).MaximumLength(40);
        });
        RuleFor(c => c.Request.Terms!.ServiceLevel).MaximumLength(500).When(c => c.Request.Terms is not null);
        RuleFor(c => c.Request.Terms!.CreditTerms).MaximumLength(500).When(c => c.Request.Terms is not null);
        RuleFor(c => c.Request.Terms!.PaymentTerms).MaximumLength(500).When(c => c.Request.Terms is not null);
    }
}

public sealed class SaveKeyAccountFileHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<SaveKeyAccountFileCommand, KeyAccountFileResponse>
{
    public async ValueTask<KeyAccountFileResponse> Handle(SaveKeyAccountFileCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var r = command.Request;
        var details = new KeyAccountDetails(
            Enum.Parse<Domain.Customised.AccountManagers.KeyAccountKind>(r.Kind.ToString()),
            r.Company,
            [.. (r.Contacts ?? []).Select(c => new KeyAccountContact(c.Name, c.Role, c.Email, c.Phone))],
            r.Needs,
            r.Equipment,
            new AgreedTerms(r.Terms?.ServiceLevel, r.Terms?.CreditTerms, r.Terms?.PaymentTerms),
            r.NextReviewAt);
        var now = clock.GetUtcNow();
        var file = await db.KeyAccountFiles.SingleOrDefaultAsync(f => f.MemberId == command.MemberId, cancellationToken);
        var before = file?.AuditSnapshot();
        if (file is null)
        {
            file = KeyAccountFile.Open(command.MemberId, details, now);
            db.KeyAccountFiles.Add(file);
        }
        else
        {
            file.Change(details, now);
        }

        audit.Record(command.Caller.Actor, before is null ? "key_account.opened" : "key_account.updated", "member", command.MemberId, before, file.AuditSnapshot());
        await db.SaveChangesAsync(cancellationToken);
        return await KeyAccountFiles.ResponseAsync(db, file, cancellationToken);
    }
}

internal static class KeyAccountFiles
{
    public static async Task<KeyAccountFile> FindAsync(ILoyaltyDbContext db, Guid memberId, CancellationToken cancellationToken) =>
        await db.KeyAccountFiles.SingleOrDefaultAsync(f => f.MemberId == memberId, cancellationToken)
        ?? throw Errors.AppException.NotFound(Contracts.ErrorCodes.KeyAccountFileNotFound, "This member has no key-account file.");

    public static async Task<KeyAccountFileResponse> ResponseAsync(ILoyaltyDbContext db, KeyAccountFile file, CancellationToken cancellationToken)
    {
        var number = await db.Members.Where(m => m.Id == file.MemberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        var managerId = await db.PortfolioAssignments.Where(a => a.MemberId == file.MemberId).Select(a => (Guid?)a.ManagerId).SingleOrDefaultAsync(cancellationToken);
        return file.ToResponse(number, managerId);
    }
}
