using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

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
