using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Microsoft.EntityFrameworkCore;
using CampaignStatus = Loyalty.Domain.Financial.Earning.CampaignStatus;

namespace Loyalty.Application.Features.Financial.Earning;

public static class CampaignRequests
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, CampaignRequest> request)
    {
        v.RuleFor(x => request(x).Name).NotEmpty().MaximumLength(100).OverridePropertyName("name");
        v.RuleFor(x => request(x).From).NotEmpty().OverridePropertyName("from");
        v.RuleForEach(x => request(x).Weekdays).IsInEnum()
            .WithMessage("weekdays holds day names: monday, tuesday, …, sunday.").OverridePropertyName("weekdays");
        v.RuleFor(x => x).Custom((x, context) =>
        {
            var r = request(x);
            if (r is null || string.IsNullOrWhiteSpace(r.Name) || r.Weekdays?.Any(d => !Enum.IsDefined(d)) == true)
            {
                return;
            }

            foreach (var (field, message) in ToDefinition(r).Problems().Where(p => p.Field != "name"))
            {
                context.AddFailure(field, message);
            }
        });
    }

    public static CampaignDefinition ToDefinition(CampaignRequest r) =>
        new(
            r.Name?.Trim() ?? "",
            r.Description,
            r.From,
            r.Until,
            r.Weekdays?.ToList(),
            r.FromHour,
            r.UntilHour,
            r.TierIds?.Distinct().ToList(),
            r.PartnerIds?.Distinct().ToList());

    public static async Task CheckReferencesAsync(ILoyaltyDbContext db, CampaignDefinition d, CancellationToken cancellationToken)
    {
        if (d.TierIds is { } tierIds && await db.Tiers.CountAsync(t => tierIds.Contains(t.Id) && t.RetiredAt == null, cancellationToken) != tierIds.Count)
        {
            throw AppException.NotFound(ErrorCodes.TierNotFound, "tierIds names a tier that does not exist.");
        }

        if (d.PartnerIds is { } partnerIds && await db.Partners.CountAsync(p => partnerIds.Contains(p.Id), cancellationToken) != partnerIds.Count)
        {
            throw AppException.NotFound(ErrorCodes.PartnerNotFound, "partnerIds names a partner that does not exist.");
        }
    }

    public static void EnsureNotEnded(Campaign campaign, DateTimeOffset now)
    {
        if (campaign.StatusAt(now) == CampaignStatus.Ended)
        {
            throw AppException.Conflict(ErrorCodes.CampaignEnded, "The campaign has ended; create a new one.");
        }
    }

    public static AppException NotFound() => AppException.NotFound(ErrorCodes.CampaignNotFound, "No campaign has this id.");

    public static CampaignResponse ToResponse(Campaign c, DateTimeOffset now) =>
        new(
            c.Id,
            c.Name,
            c.Description,
            c.From,
            c.Until,
            c.Weekdays,
            c.FromHour,
            c.UntilHour,
            c.TierIds,
            c.PartnerIds,
            WireValue.Of<Contracts.Admin.CampaignStatus>(c.StatusAt(now)),
            c.CreatedAt,
            c.UpdatedAt,
            c.EndedAt);
}
