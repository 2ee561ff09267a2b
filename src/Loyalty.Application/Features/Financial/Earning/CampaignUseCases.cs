using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

public sealed record CreateCampaignCommand(string Actor, CampaignRequest Request) : ICommand<CampaignResponse>;

public sealed class CreateCampaignValidator : AbstractValidator<CreateCampaignCommand>
{
    public CreateCampaignValidator() => CampaignRequests.Apply(this, c => c.Request);
}

public sealed class CreateCampaignHandler(ILoyaltyDbContext db, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<CreateCampaignCommand, CampaignResponse>
{
    public async ValueTask<CampaignResponse> Handle(CreateCampaignCommand command, CancellationToken cancellationToken)
    {
        var definition = CampaignRequests.ToDefinition(command.Request);
        await CampaignRequests.CheckReferencesAsync(db, definition, cancellationToken);
        var now = clock.GetUtcNow();
        var campaign = Campaign.Create(definition, now);
        db.Campaigns.Add(campaign);
        var response = CampaignRequests.ToResponse(campaign, now);
        audit.Record<CampaignResponse>(command.Actor, "campaign.created", "campaign", campaign.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return response;
    }
}

/// <summary>Changes a campaign that has not ended (in place, audited); its rules follow the new window at once.</summary>
public sealed record UpdateCampaignCommand(string Actor, Guid CampaignId, CampaignRequest Request) : ICommand<CampaignResponse>;

public sealed class UpdateCampaignValidator : AbstractValidator<UpdateCampaignCommand>
{
    public UpdateCampaignValidator() => CampaignRequests.Apply(this, c => c.Request);
}

public sealed class UpdateCampaignHandler(ILoyaltyDbContext db, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<UpdateCampaignCommand, CampaignResponse>
{
    public async ValueTask<CampaignResponse> Handle(UpdateCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == command.CampaignId, cancellationToken) ?? throw CampaignRequests.NotFound();
        var definition = CampaignRequests.ToDefinition(command.Request);
        await CampaignRequests.CheckReferencesAsync(db, definition, cancellationToken);
        var now = clock.GetUtcNow();
        var before = CampaignRequests.ToResponse(campaign, now);
        CampaignRequests.EnsureNotEnded(campaign, now);
        campaign.Update(definition, now);
        var after = CampaignRequests.ToResponse(campaign, now);
        audit.Record(command.Actor, "campaign.updated", "campaign", campaign.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}

/// <summary>Ends a campaign now: purchases from this instant on no longer qualify; earlier ones keep their points.</summary>
public sealed record EndCampaignCommand(string Actor, Guid CampaignId) : ICommand<CampaignResponse>;

public sealed class EndCampaignHandler(ILoyaltyDbContext db, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<EndCampaignCommand, CampaignResponse>
{
    public async ValueTask<CampaignResponse> Handle(EndCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == command.CampaignId, cancellationToken) ?? throw CampaignRequests.NotFound();
        var now = clock.GetUtcNow();
        var before = CampaignRequests.ToResponse(campaign, now);
        CampaignRequests.EnsureNotEnded(campaign, now);
        campaign.End(now);
        var after = CampaignRequests.ToResponse(campaign, now);
        audit.Record(command.Actor, "campaign.ended", "campaign", campaign.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}

/// <summary>Campaigns by start, newest first; <c>status</c> filters on Scheduled, Running or Ended (now).</summary>
public sealed record ListCampaignsQuery(string? Status) : IQuery<IReadOnlyList<CampaignResponse>>;

public sealed class ListCampaignsValidator : AbstractValidator<ListCampaignsQuery>
{
    public ListCampaignsValidator() =>
        RuleFor(q => q.Status).IsEnumName(typeof(CampaignStatus), caseSensitive: false).When(q => q.Status is not null)
            .WithMessage($"status must be one of: {string.Join(", ", Enum.GetNames<CampaignStatus>())}.");
}

public sealed class ListCampaignsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListCampaignsQuery, IReadOnlyList<CampaignResponse>>
{
    public async ValueTask<IReadOnlyList<CampaignResponse>> Handle(ListCampaignsQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var campaigns = db.Campaigns.AsNoTracking();
        if (query.Status is not null)
        {
            campaigns = Enum.Parse<CampaignStatus>(query.Status, ignoreCase: true) switch
            {
                CampaignStatus.Scheduled => campaigns.Where(c => c.From > now),
                CampaignStatus.Running => campaigns.Where(c => c.From <= now && (c.Until == null || c.Until > now)),
                _ => campaigns.Where(c => c.Until != null && c.Until <= now),
            };
        }

        var list = await campaigns.ToListAsync(cancellationToken);
        return list.OrderByDescending(c => c.From).ThenBy(c => c.Id).Select(c => CampaignRequests.ToResponse(c, now)).ToList();
    }
}

public sealed record GetCampaignQuery(Guid CampaignId) : IQuery<CampaignDetailResponse>;

public sealed class GetCampaignHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetCampaignQuery, CampaignDetailResponse>
{
    public async ValueTask<CampaignDetailResponse> Handle(GetCampaignQuery query, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CampaignId, cancellationToken) ?? throw CampaignRequests.NotFound();
        var rules = await db.EarningRules.AsNoTracking().Where(r => r.CampaignId == campaign.Id && r.SupersededAt == null).ToListAsync(cancellationToken);
        return new CampaignDetailResponse(
            CampaignRequests.ToResponse(campaign, clock.GetUtcNow()),
            rules.OrderByDescending(r => r.IsActive).ThenBy(r => r, RuleOrder.Instance).Select(EarningRuleRequests.ToResponse).ToList());
    }
}

public static class CampaignRequests
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, CampaignRequest> request)
    {
        v.RuleFor(x => request(x).Name).NotEmpty().MaximumLength(100).OverridePropertyName("name");
        v.RuleFor(x => request(x).From).NotEmpty().OverridePropertyName("from");
        v.RuleForEach(x => request(x).Weekdays).Must(EarningRuleRequests.IsName<DayOfWeek>)
            .WithMessage("weekdays holds day names: Monday, Tuesday, …, Sunday.").OverridePropertyName("weekdays");
        v.RuleFor(x => x).Custom((x, context) =>
        {
            var r = request(x);
            if (r is null || string.IsNullOrWhiteSpace(r.Name) || r.Weekdays?.Any(d => !EarningRuleRequests.IsName<DayOfWeek>(d)) == true)
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
            r.Weekdays?.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)).ToList(),
            r.FromHour,
            r.UntilHour,
            r.TierIds?.Distinct().ToList(),
            r.PartnerIds?.Distinct().ToList());

    public static async Task CheckReferencesAsync(ILoyaltyDbContext db, CampaignDefinition d, CancellationToken cancellationToken)
    {
        if (d.TierIds is { } tierIds && await db.Tiers.CountAsync(t => tierIds.Contains(t.Id) && t.RetiredAt == null, cancellationToken) != tierIds.Count)
        {
            throw AppException.NotFound("tier_not_found", "tierIds names a tier that does not exist.");
        }

        if (d.PartnerIds is { } partnerIds && await db.Partners.CountAsync(p => partnerIds.Contains(p.Id), cancellationToken) != partnerIds.Count)
        {
            throw AppException.NotFound("partner_not_found", "partnerIds names a partner that does not exist.");
        }
    }

    public static void EnsureNotEnded(Campaign campaign, DateTimeOffset now)
    {
        if (campaign.StatusAt(now) == CampaignStatus.Ended)
        {
            throw AppException.Conflict("campaign_ended", "The campaign has ended; create a new one.");
        }
    }

    public static AppException NotFound() => AppException.NotFound("campaign_not_found", "No campaign has this id.");

    public static CampaignResponse ToResponse(Campaign c, DateTimeOffset now) =>
        new(
            c.Id,
            c.Name,
            c.Description,
            c.From,
            c.Until,
            c.Weekdays?.Select(d => d.ToString()).ToList(),
            c.FromHour,
            c.UntilHour,
            c.TierIds,
            c.PartnerIds,
            c.StatusAt(now).ToString(),
            c.CreatedAt,
            c.UpdatedAt,
            c.EndedAt);
}
