using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;

namespace Loyalty.Application.Features.Customised.KeyAccounts;

internal static class KeyAccountMapping
{
    public static KeyAccountFileResponse ToResponse(this KeyAccountFile f, string memberNumber, Guid? managerId) =>
        new(f.MemberId, memberNumber, AccountManagerWire.Kind(f.Kind), f.Company,
            [.. f.Contacts.Select(c => new KeyAccountContactDto(c.Name, c.Role, c.Email, c.Phone))],
            f.Needs, f.Equipment, new AgreedTermsDto(f.ServiceLevel, f.CreditTerms, f.PaymentTerms), f.NextReviewAt, managerId, f.CreatedAt, f.UpdatedAt);

    public static InteractionResponse ToResponse(this KeyAccountInteraction i) =>
        new(i.Id, i.MemberId, AccountManagerWire.Kind(i.Kind), i.OccurredAt, i.Summary, i.Outcome, i.NextStep, i.NextStepDueAt, i.NextStepDoneAt, i.RecordedBy, i.RecordedAt);

    /// <summary>What the audit log keeps of a file: its shape, never the contacts' names or details (erasure could not reach them there).</summary>
    public static object AuditSnapshot(this KeyAccountFile f) =>
        new { kind = f.Kind.ToString(), contacts = f.Contacts.Count, nextReviewAt = f.NextReviewAt, hasTerms = f.ServiceLevel is not null || f.CreditTerms is not null || f.PaymentTerms is not null };
}
