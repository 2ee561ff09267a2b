using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>What any caller gives to open a case; store and partner may come from the purchase.</summary>
public sealed record CaseDraft(CaseCategory Category, CaseChannel Channel, CaseSeverity Severity, string Title, string Description, Guid? PurchaseId, Guid? StoreId, Guid? PartnerId, string? Owner);

/// <summary>
/// Opening a case, shared by the app, the till and staff: the service level from the member's tier (priority
/// service halves it; the programme default when the tier names none), the owner (given, else the member's account
/// manager, else the care desk), the first step due at the service level, the event and the audit entry.
/// </summary>
public sealed class CaseOpening(ILoyaltyDbContext db, IPriorityService priority, IOptions<CareOptions> options, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
{
    public async Task<(ServiceCase Case, CaseStep Step)> OpenAsync(Member member, CaseDraft draft, string openedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(draft);
        var (storeId, partnerId) = (draft.StoreId, draft.PartnerId);
        if (draft.PurchaseId is { } purchaseId)
        {
            var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == purchaseId && p.MemberId == member.Id)
                               .Select(p => new { p.StoreId, p.PartnerId }).SingleOrDefaultAsync(cancellationToken)
                           ?? throw AppException.NotFound(ErrorCodes.CasePurchaseNotFound, "The member has no purchase with this id.");
            storeId ??= purchase.StoreId;
            partnerId ??= purchase.PartnerId;
        }

        if (storeId is { } store && partnerId is null)
        {
            partnerId = await db.Stores.AsNoTracking().Where(s => s.Id == store).Select(s => (Guid?)s.PartnerId).SingleOrDefaultAsync(cancellationToken)
                        ?? throw AppException.NotFound(ErrorCodes.StoreNotFound, "No store has this id.");
        }

        var care = options.Value;
        var service = await priority.GetAsync(member.Id, cancellationToken) ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
        var hours = ServiceLevel.ResponseHours(service.SupportResponseHours, service.Priority, care.DefaultResponseHours);
        var owner = string.IsNullOrWhiteSpace(draft.Owner)
            ? await (from a in db.PortfolioAssignments
                     join m in db.AccountManagers on a.ManagerId equals m.Id
                     where a.MemberId == member.Id && m.Active
                     select m.Subject).FirstOrDefaultAsync(cancellationToken) ?? care.DefaultOwner
            : draft.Owner.Trim();

        var now = clock.GetUtcNow();
        var (serviceCase, step) = ServiceCase.Open(member.Id, member.TierId, draft.Category, draft.Channel, draft.Severity, draft.Title, draft.Description,
            draft.PurchaseId, storeId, partnerId, owner, openedBy, hours, service.Priority, now);
        db.ServiceCases.Add(serviceCase);
        db.CaseSteps.Add(step);
        outbox.Add(new CaseOpenedV1(serviceCase.Id, member.MemberNumber, WireValue.Of<Contracts.Common.CaseCategory>(serviceCase.Category), WireValue.Of<Contracts.Common.CaseChannel>(serviceCase.Channel),
            WireValue.Of<Contracts.Common.CaseSeverity>(serviceCase.Severity), owner, serviceCase.ServiceLevelDueAt, now), member.Id, partnerId);
        audit.Record<object>(openedBy, "case.opened", "case", serviceCase.Id, null, new
        {
            memberId = member.Id,
            category = WireValue.Name(serviceCase.Category),
            channel = WireValue.Name(serviceCase.Channel),
            severity = WireValue.Name(serviceCase.Severity),
            owner,
            responseHours = hours,
            priority = service.Priority,
            serviceLevelDueAt = serviceCase.ServiceLevelDueAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (serviceCase, step);
    }
}

/// <summary>The rules every way of opening a case shares.</summary>
public static class CaseRules
{
    public static void Title<T>(IRuleBuilder<T, string> rule) => rule.NotEmpty().MaximumLength(ServiceCase.MaxTitleLength);

    public static void Text<T>(IRuleBuilder<T, string> rule) => rule.NotEmpty().MaximumLength(ServiceCase.MaxTextLength);
}
