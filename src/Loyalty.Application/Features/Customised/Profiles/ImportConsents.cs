using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Wire = Loyalty.Contracts.Common;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// Staff bring in consents decided elsewhere (a CRM, a previous programme, paper forms): each row is recorded with
/// source import and actor <c>import:{reference}</c>, in one transaction, unless the member changed that consent
/// since the row's decision. Closed, merged and erased members are left alone. One audit entry per import.
/// </summary>
public sealed record ImportConsentsCommand(string Actor, ImportConsentsRequest Request) : ICommand<ConsentImportResponse>, ITransactionalCommand
{
    /// <summary>
    /// Each row's member number parsed once, in row order, when the command is made: the validator's duplicate rule
    /// and the handler's look-up both read the stored form from here.
    /// </summary>
    public IReadOnlyList<(MemberNumberParseResult Result, string? Number)> MemberNumbers { get; } = [.. (Request?.Rows ?? []).Select(r =>
        MemberNumber.TryParse(r?.MemberNumber, out var number) is var result && result == MemberNumberParseResult.Valid ? (result, number.Value) : (result, (string?)null))];
}

public sealed class ImportConsentsValidator : AbstractValidator<ImportConsentsCommand>
{
    public const int MaxRows = 1_000;

    public ImportConsentsValidator(TimeProvider clock)
    {
        RuleFor(c => c.Request.Reference).NotEmpty().MaximumLength(64).Matches(InterestTopics.CodePattern)
            .WithMessage("reference may hold letters, digits, '-' and '_' only.");
        RuleFor(c => c.Request.Rows).NotEmpty().Must(r => r.Count <= MaxRows).WithMessage($"rows holds at most {MaxRows:N0} decisions; split larger files.");
        RuleForEach(c => c.Request.Rows).ChildRules(row =>
        {
            row.RuleFor(r => r.MemberNumber).MemberNumber();
            row.RuleFor(r => r.Purpose).IsInEnum();
            row.RuleFor(r => r.Channel).IsInEnum();
            row.RuleFor(r => r).Must(r => ConsentRules.IsValidPair(WireValue.Of<ConsentPurpose>(r.Purpose), WireValue.Of<ContactChannel>(r.Channel)))
                .When(r => Enum.IsDefined(r.Purpose) && Enum.IsDefined(r.Channel))
                .WithMessage("Marketing consent is given per channel (email, push, sms); profiling and partnerSharing use channel none.")
                .OverridePropertyName("channel");
            row.RuleFor(r => r.DecidedAt).Must(at => at is null || at <= clock.GetUtcNow().AddMinutes(5)).WithMessage("decidedAt cannot be in the future.");
        }).When(c => c.Request.Rows is not null);
        RuleFor(c => c.Request.Rows)
            .Must((c, rows) => rows.Select((r, i) => (Row: r, Parsed: c.MemberNumbers[i])).Where(r => r.Parsed.Result == MemberNumberParseResult.Valid)
                .GroupBy(r => (r.Parsed.Number, r.Row.Purpose, r.Row.Channel)).All(g => g.Count() == 1))
            .WithMessage("Each member, purpose and channel appears once per import: send only the latest decision.")
            .When(c => c.Request.Rows is { Count: > 0 and <= MaxRows } && c.Request.Rows.All(r => r is not null)
                && c.MemberNumbers.All(n => n.Result != MemberNumberParseResult.InvalidCheckDigit));
    }
}

public sealed class ImportConsentsHandler(ILoyaltyDbContext db, ConsentBook consents, AuditTrail audit) : ICommandHandler<ImportConsentsCommand, ConsentImportResponse>
{
    public async ValueTask<ConsentImportResponse> Handle(ImportConsentsCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var rows = request.Rows.Select((r, i) => (Row: r, Number: command.MemberNumbers[i].Number!)).ToList(); // validated: every number parsed
        var numbers = rows.Select(r => r.Number).Distinct().ToList();
        var members = await db.Members.AsNoTracking()
            .Where(m => numbers.Contains(m.MemberNumber))
            .Select(m => new { m.Id, m.MemberNumber, Open = m.ErasedAt == null && m.Status != MemberStatus.Closed && m.Status != MemberStatus.Merged })
            .ToDictionaryAsync(m => m.MemberNumber, cancellationToken);

        var outcomes = new Wire.ConsentImportOutcome[rows.Count];
        var decisions = new List<(Guid, ConsentPurpose, ContactChannel, bool, DateTimeOffset?)>();
        var decided = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, number) = rows[i];
            if (!members.TryGetValue(number, out var member))
            {
                outcomes[i] = Wire.ConsentImportOutcome.UnknownMember;
            }
            else if (!member.Open)
            {
                outcomes[i] = Wire.ConsentImportOutcome.MemberClosed;
            }
            else
            {
                decisions.Add((member.Id, WireValue.Of<ConsentPurpose>(row.Purpose), WireValue.Of<ContactChannel>(row.Channel), row.Granted, row.DecidedAt));
                decided.Add(i);
            }
        }

        var imported = await consents.ImportAsync(decisions, $"import:{request.Reference}", cancellationToken);
        for (var d = 0; d < decided.Count; d++)
        {
            outcomes[decided[d]] = imported[d] switch
            {
                ImportedConsent.Applied => Wire.ConsentImportOutcome.Applied,
                ImportedConsent.Unchanged => Wire.ConsentImportOutcome.Unchanged,
                _ => Wire.ConsentImportOutcome.Stale,
            };
        }

        var applied = outcomes.Count(o => o == Wire.ConsentImportOutcome.Applied);
        var unchanged = outcomes.Count(o => o == Wire.ConsentImportOutcome.Unchanged);
        var response = new ConsentImportResponse(
            Guid.NewGuid(),
            request.Reference,
            applied,
            unchanged,
            outcomes.Length - applied - unchanged,
            [.. rows.Select((r, i) => new ConsentImportRowOutcome(i, r.Number, r.Row.Purpose, r.Row.Channel, outcomes[i]))]);
        audit.Record<object>(command.Actor, "consents.imported", "consent_import", response.Id, null, new { response.Reference, response.Applied, response.Unchanged, response.Skipped, Rows = rows.Count });
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
